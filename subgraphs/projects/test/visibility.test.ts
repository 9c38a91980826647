import { projectTerritoryAncestry } from "@hub/reference";
import { ROLES, type Viewer } from "@hub/kit";
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { ProjectStatus, type Project } from "../src/entities/project.entity";
import { canSeeProject, factsOf, visibilityCondition } from "../src/rules/visibility";
import { startHub, type Hub } from "@hub/testing";

/**
 * Project visibility is written twice (`src/rules/visibility.ts`): `canSeeProject` (one project) and
 * `visibilityCondition` (SQL, for lists and the journal). Generated viewers and projects,
 * the projects in the real database: the SQL returns exactly those `canSeeProject` accepts.
 */
describe("project visibility: the SQL filter and canSeeProject agree", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  // Communes of four départements (Puy-de-Dôme, Allier, Corse-du-Sud, Paris).
  const COMMUNES = ["COMMUNE:63113", "COMMUNE:63014", "COMMUNE:03185", "COMMUNE:2A004", "COMMUNE:75056"];
  const DEPARTEMENTS = ["63", "03", "2A", "75", "01"];
  const ORGANIZATIONS = ["COLLECTIVITE:216301135", "COLLECTIVITE:200071249", "DDT:63", "OPERATOR:CEREMA", "ANCT:NATIONAL"];
  const SCOPES = ["projects:read", "stats:read", "unknown:scope"];
  // Programmes of projects and of API keys' limits; territories of keys' limits (a région, départements, a commune, a CRTE of the Puy-de-Dôme).
  const PROGRAMMES = ["CRTE", "Villages d'avenir", "Petites villes de demain"];
  const LIMIT_TERRITORIES = ["REGION:84", "DEPARTEMENT:63", "DEPARTEMENT:75", "COMMUNE:63014", ...projectTerritoryAncestry("COMMUNE:63113")!.filter((t) => t.startsWith("CRTE:"))];

  const project = fc.record({
    status: fc.constantFrom(...Object.values(ProjectStatus)),
    communes: fc.subarray(COMMUNES, { minLength: 1 }),
    ownerId: fc.constantFrom(...ORGANIZATIONS.slice(0, 3)),
    actors: fc.subarray(ORGANIZATIONS),
    programmes: fc.subarray(PROGRAMMES),
  });
  const viewer: fc.Arbitrary<Viewer> = fc.record({
    personId: fc.option(fc.uuid(), { nil: null }),
    organizationId: fc.option(fc.constantFrom(...ORGANIZATIONS), { nil: null }),
    roles: fc.subarray([...ROLES], { maxLength: 3 }),
    departements: fc.subarray(DEPARTEMENTS),
    communes: fc.constant([]),
    scopes: fc.subarray(SCOPES),
    programmes: fc.oneof(fc.constant<string[]>([]), fc.subarray(PROGRAMMES, { minLength: 1 })),
    territories: fc.oneof(fc.constant<string[]>([]), fc.subarray(LIMIT_TERRITORIES, { minLength: 1 })),
  });

  it("for every role, organisation, département, scope and key limit, on projects of every status, owner, territory and actors", async () => {
    const outcomes = { visible: 0, hidden: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(project, { minLength: 1, maxLength: 8 }), fc.array(viewer, { minLength: 1, maxLength: 8 }), async (projects, viewers) => {
        const rows = projects.map((p) => ({
          id: randomUUID(),
          status: p.status,
          territoryId: p.communes[0],
          territoryIds: [...new Set(p.communes.flatMap((c) => projectTerritoryAncestry(c)!))],
          ownerId: p.ownerId,
          actors: p.actors,
          programmes: p.programmes,
        }));
        const ids = rows.map((r) => r.id);
        await hub.sql(
          "projects",
          `INSERT INTO project (id, title, status, territory_id, territory_ids, owner_id, programmes)
           SELECT r.id, 'Projet', r.status, r."territoryId", r."territoryIds", r."ownerId", r.programmes
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status text, "territoryId" text, "territoryIds" text[], "ownerId" text, programmes text[])`,
          [JSON.stringify(rows)],
        );
        await hub.sql("projects", "INSERT INTO project_actor (project_id, organization_id) SELECT r.id, a FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, actors text[]), unnest(r.actors) AS a", [
          JSON.stringify(rows),
        ]);
        try {
          for (const v of viewers) {
            const params: unknown[] = [ids];
            const seen = await hub.sql<{ id: string }>("projects", `SELECT p.id FROM project p WHERE p.id = ANY($1::uuid[]) AND ${visibilityCondition(v, params)}`, params);
            const expected = rows.filter((r) => canSeeProject(v, factsOf(r as unknown as Project, r.actors))).map((r) => r.id);
            outcomes.visible += expected.length;
            outcomes.hidden += rows.length - expected.length;
            expect({ viewer: v, projects: rows, seen: seen.map((s) => s.id).sort() }).toEqual({ viewer: v, projects: rows, seen: [...expected].sort() });
          }
        } finally {
          await hub.sql("projects", "DELETE FROM project WHERE id = ANY($1::uuid[])", [ids]);
        }
      }),
      { numRuns: 150, seed: 20261201 },
    );
    // The generators reach both answers, often.
    expect(outcomes.visible).toBeGreaterThan(100);
    expect(outcomes.hidden).toBeGreaterThan(100);
  });
});
