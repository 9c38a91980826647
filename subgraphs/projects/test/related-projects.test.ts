import { projectTerritoryAncestry } from "@hub/reference";
import { randomUUID } from "node:crypto";
import { JULIEN, NADIA, startHub, type GraphQLResponse, type Hub } from "@hub/testing";

/**
 * `Territory.projects`, `Organization.projects` and `Person.assignedProjects` for a list of
 * parents: one SQL statement on the projects database for all of them, and for each parent
 * exactly what `projects(filter)` (the unbatched list) gives the same viewer.
 */
describe("the projects of many territories, organisations and persons", () => {
  const EPCI = "EPCI:246300701"; // Clermont Auvergne Métropole: 21 communes of the Puy-de-Dôme
  let hub: Hub;
  const t: Record<string, string> = {};
  let communes: string[];
  const persons = Array.from({ length: 6 }, () => randomUUID());

  beforeAll(async () => {
    hub = await startHub();
    t.nadia = await hub.token(NADIA);
    t.julien = await hub.token(JULIEN);
    const members = await hub.query<{ territory: { members: { edges: { node: { id: string } }[] } } }>(
      `query($id: ID!) { territory(id: $id) { members(first: 50) { edges { node { id } } } } }`,
      { id: EPCI },
      t.nadia,
    );
    communes = members.data!.territory.members.edges.map((e) => e.node.id);
    // Per commune: up to three projects of two owners, one a draft (seen by neither viewer), fiche fields set.
    const rows: unknown[][] = [];
    communes.forEach((commune, c) => {
      for (let k = 0; k < c % 4; k++) {
        const status = k === 1 ? "DRAFT" : "SUBMITTED";
        rows.push([
          randomUUID(),
          `Projet ${c}-${k}`,
          status,
          commune,
          projectTerritoryAncestry(commune),
          `COLLECTIVITE:test-${(c + k) % 5}`,
          new Date(Date.UTC(2026, 0, 1 + c, k)).toISOString(),
          1000 * c + k,
          `2026-0${1 + k}-15`,
        ]);
      }
    });
    await hub.sql(
      "projects",
      `INSERT INTO project (id, title, status, territory_id, territory_ids, owner_id, created_at, budget_euros, start_date)
       SELECT r.id, r.title, r.status, r.territory_id, r.territory_ids, r.owner_id, r.created_at, r.budget_euros, r.start_date
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, title text, status text, territory_id text, territory_ids text[], owner_id text, created_at timestamptz, budget_euros bigint, start_date date)`,
      [
        JSON.stringify(
          rows.map(([id, title, status, territory_id, territory_ids, owner_id, created_at, budget_euros, start_date]) => ({
            id,
            title,
            status,
            territory_id,
            territory_ids,
            owner_id,
            created_at,
            budget_euros,
            start_date,
          })),
        ),
      ],
    );
    // Persons of the DDT, each assigned to some of those projects (the first to none).
    for (const [i, id] of persons.entries()) {
      await hub.sql("people-territories", "INSERT INTO person (id, email, given_name, usual_name, status) VALUES ($1, $2, 'Agent', $3, 'ACTIVE')", [id, `agent${i}@ddt63.test`, `N${i}`]);
      await hub.sql("people-territories", "INSERT INTO membership (person_id, organization_id, role) VALUES ($1, 'DDT:63', 'STATE_AGENT')", [id]);
    }
    const projectIds = rows.map((r) => r[0] as string);
    await hub.sql("projects", `INSERT INTO project_assignee (project_id, person_id) SELECT p, ($2::uuid[])[1 + (n::int % 5) + 1] FROM unnest($1::uuid[]) WITH ORDINALITY AS u(p, n)`, [
      projectIds,
      persons,
    ]);
  });
  afterAll(() => hub.stop());

  const FIELDS = "id title status budgetEuros startDate createdAt version";

  /** SQL statements the projects subgraph runs for one request through the gateway, and its answer. */
  async function withStatements<T>(request: () => Promise<GraphQLResponse<T>>): Promise<{ statements: number; data: T }> {
    const counter = hub.subgraphs.projects.database.statements;
    const before = counter.count;
    const response = await request();
    expect(response.errors).toBeUndefined();
    return { statements: counter.count - before, data: response.data! };
  }

  /** The unbatched reference: `projects(filter)` for one parent. */
  async function reference(filter: string, first: number, token: string, after?: string) {
    const response = await hub.query<{ projects: unknown }>(
      `query($after: String) { projects(first: ${first}, after: $after, filter: ${filter}) { edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
      { after },
      token,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.projects;
  }

  it.each(["nadia", "julien"])("gives each territory of a list its page of projects in one statement (as %s)", async (who) => {
    const { statements, data } = await withStatements(() =>
      hub.query<{ territory: { members: { edges: { node: { id: string; projects: unknown } }[] } } }>(
        `{ territory(id: "${EPCI}") { members(first: 50) { edges { node { id projects(first: 2) { edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } } } }`,
        {},
        t[who],
      ),
    );
    expect(communes.length).toBeGreaterThan(10);
    expect(statements).toBe(1);
    const expected = await Promise.all(communes.map(async (id) => ({ node: { id, projects: await reference(`{ territoryId: "${id}" }`, 2, t[who]) } })));
    expect(data.territory.members.edges).toEqual(expected);
    // The seed makes the comparison mean something: pages of 0, 1 and 2 projects, and more behind.
    const sizes = data.territory.members.edges.map((e) => (e.node.projects as { edges: unknown[] }).edges.length);
    expect(new Set(sizes)).toEqual(new Set([0, 1, 2]));
  });

  it("pages a territory's projects with the cursors of the list", async () => {
    const commune = communes[3];
    const first = (await reference(`{ territoryId: "${commune}" }`, 1, t.nadia)) as { pageInfo: { endCursor: string } };
    const response = await hub.query<{ territory: { projects: unknown } }>(
      `query($after: String) { territory(id: "${commune}") { projects(first: 1, after: $after) { edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`,
      { after: first.pageInfo.endCursor },
      t.nadia,
    );
    expect(response.data!.territory.projects).toEqual(await reference(`{ territoryId: "${commune}" }`, 1, t.nadia, first.pageInfo.endCursor));
  });

  it.each([
    ["an unknown theme", `projects(filter: { theme: "piscines" })`, "BAD_USER_INPUT"],
    ["a page of 0", `projects(first: 0)`, "BAD_USER_INPUT"],
    ["a page over the maximum", `projects(first: 101)`, "BAD_USER_INPUT"],
    ["a forged cursor", `projects(after: "bm90LWEtY3Vyc29y")`, "BAD_USER_INPUT"],
    ["a search too long", `projects(filter: { search: "${"x".repeat(101)}" })`, "BAD_USER_INPUT"],
  ])("answers %s on a list of territories with one error per territory, coded", async (_label, field, code) => {
    const response = await hub.query<{ territory: { members: { edges: { node: { id: string; projects: unknown } }[] } } }>(
      `{ territory(id: "${EPCI}") { members(first: 3) { edges { node { id ${field} { edges { node { id } } } } } } } }`,
      {},
      t.nadia,
    );
    // Territory.projects is nullable (another subgraph's field): the list answers, each projects null.
    const nodes = response.data!.territory.members.edges.map((e) => e.node);
    expect(nodes.map((n) => n.projects)).toEqual([null, null, null]);
    expect((response.errors ?? []).map((e) => [e.extensions?.code, e.path?.slice(-1)[0]])).toEqual(Array(3).fill([code, "projects"]));
  });

  it("gives each organisation of a list its projects in one statement", async () => {
    const { statements, data } = await withStatements(() =>
      hub.query<{ projects: { edges: { node: { owner: { id: string; projects: { edges: { node: { id: string } }[] } } } }[] } }>(
        `{ projects(first: 50, filter: { territoryId: "${EPCI}" }) { edges { node { owner { id projects(first: 50) { edges { node { id } } } } } } } }`,
        {},
        t.nadia,
      ),
    );
    // One for the list, one for all the owners' pages.
    expect(statements).toBe(2);
    const rows = await hub.sql<{ owner_id: string; ids: string[] }>(
      "projects",
      "SELECT owner_id, array_agg(id::text ORDER BY created_at DESC, id DESC) AS ids FROM project WHERE status <> 'DRAFT' AND owner_id LIKE 'COLLECTIVITE:test-%' GROUP BY owner_id",
    );
    const expected = Object.fromEntries(rows.map((r) => [r.owner_id, r.ids]));
    expect(Object.keys(expected)).toHaveLength(5);
    expect(data.projects.edges.length).toBeGreaterThan(5);
    expect(data.projects.edges.map((e) => e.node.owner)).toEqual(
      data.projects.edges.map((e) => ({ id: e.node.owner.id, projects: { edges: expected[e.node.owner.id].map((id) => ({ node: { id } })) } })),
    );
  });

  it("gives each person of a list the projects assigned to them in one statement", async () => {
    const { statements, data } = await withStatements(() =>
      hub.query<{ organization: { members: { edges: { node: { id: string; assignedProjects: { edges: { node: { id: string } }[] } } }[] } } }>(
        `{ organization(id: "DDT:63") { members(first: 50) { edges { node { id assignedProjects(first: 50) { edges { node { id } } } } } } } }`,
        {},
        t.nadia,
      ),
    );
    expect(statements).toBe(1);
    const rows = await hub.sql<{ person_id: string; ids: string[] }>(
      "projects",
      "SELECT a.person_id, array_agg(p.id::text ORDER BY p.created_at DESC, p.id DESC) AS ids FROM project_assignee a JOIN project p ON p.id = a.project_id WHERE p.status <> 'DRAFT' GROUP BY a.person_id",
    );
    const expected = Object.fromEntries(rows.map((r) => [r.person_id, r.ids]));
    const members = data.organization.members.edges.map((e) => e.node);
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining(persons));
    expect(members).toEqual(members.map((m) => ({ id: m.id, assignedProjects: { edges: (expected[m.id] ?? []).map((id) => ({ node: { id } })) } })));
    // Five of the six persons have projects: the list is not trivially empty.
    expect(members.filter((m) => m.assignedProjects.edges.length > 0)).toHaveLength(5);
  });
});
