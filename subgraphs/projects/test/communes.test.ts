import { signSession } from "@hub/gateway";
import type { Viewer } from "@hub/kit";
import { randomUUID } from "node:crypto";
import { CAMILLE, codes, JULIEN, startHub, TEST_SESSION_SECRET, type Hub } from "@hub/testing";

/** A State agent of the DDT of the Allier (no demo account there): a session token signed as the gateway would, for a real account. */
const ALLIER_DDT: Viewer = { personId: randomUUID(), organizationId: "DDT:03", roles: ["STATE_AGENT"], departements: ["03"], communes: [], scopes: [], programmes: [], territories: [] };

const FICHE = `query($id: ID!) { project(id: $id) { version territory { name } territories { id name departement { code } } } }`;

describe("a project on several communes", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    t.camille = await hub.token(CAMILLE);
    t.julien = await hub.token(JULIEN);
    // The gateway checks that a session's person is active in its organisation: make the account.
    await hub.sql("people-territories", "INSERT INTO person (id, email, given_name, usual_name) VALUES ($1, 'agent@ddt03.demo', 'Paul', 'Allier')", [ALLIER_DDT.personId]);
    await hub.sql("people-territories", "INSERT INTO membership (person_id, organization_id, role) VALUES ($1, 'DDT:03', 'STATE_AGENT')", [ALLIER_DDT.personId]);
    t.allier = signSession(ALLIER_DDT, TEST_SESSION_SECRET);
  });
  afterAll(() => hub.stop());

  const create = (communeIds: unknown) =>
    hub.query<{ createProject: { id: string } }>(
      `mutation($c: [ID!]) { createProject(input: { title: "Voie verte de l'Allier", territoryId: "COMMUNE:63113", communeIds: $c, themes: ["mobilite-transports"] }) { id } }`,
      { c: communeIds },
      t.camille,
    );
  const visibleTo = async (who: string, territoryId: string) =>
    (
      await hub.query<{ projects: { edges: { node: { id: string } }[] } }>(`query($t: ID!) { projects(filter: { territoryId: $t }, first: 50) { edges { node { id } } } }`, { t: territoryId }, t[who])
    ).data!.projects.edges.map((e) => e.node.id);

  it("lists every commune concerned, the main one first, and files the project under each of them", async () => {
    const created = await create(["COMMUNE:63014", "COMMUNE:03190", "COMMUNE:63014", "COMMUNE:63113"]);
    expect(created.errors).toBeUndefined();
    projectId = created.data!.createProject.id;
    const fiche = await hub.query<{ project: { territories: { id: string; name: string; departement: { code: string } }[] } }>(FICHE, { id: projectId }, t.camille);
    expect(fiche.errors).toBeUndefined();
    // Repeats and the main territory itself are dropped.
    expect(fiche.data!.project.territories).toEqual([
      { id: "COMMUNE:63113", name: "Clermont-Ferrand", departement: { code: "63" } },
      { id: "COMMUNE:63014", name: "Aubière", departement: { code: "63" } },
      { id: "COMMUNE:03190", name: "Moulins", departement: { code: "03" } },
    ]);
    const [row] = await hub.sql<{ other_commune_ids: string[]; territory_ids: string[] }>("projects", "SELECT other_commune_ids, territory_ids FROM project WHERE id = $1", [projectId]);
    expect(row.other_commune_ids).toEqual(["COMMUNE:63014", "COMMUNE:03190"]);
    expect(row.territory_ids).toEqual(expect.arrayContaining(["DEPARTEMENT:63", "DEPARTEMENT:03", "REGION:84", "COMMUNE:03190"]));
    expect(await visibleTo("camille", "COMMUNE:63014")).toEqual([projectId]);
    expect(await visibleTo("camille", "DEPARTEMENT:03")).toEqual([projectId]);
  });

  it("shows it, once submitted, to the State of every département concerned", async () => {
    expect(await visibleTo("allier", "DEPARTEMENT:03")).toEqual([]);
    expect(await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: projectId }, t.camille)).toEqual({
      status: 200,
      data: { changeProjectStatus: { status: "SUBMITTED" } },
    });
    expect(await visibleTo("allier", "DEPARTEMENT:03")).toEqual([projectId]);
    expect(await visibleTo("julien", "COMMUNE:63014")).toEqual([projectId]);
    // The Allier's State may qualify it too: it is on its territory.
    const qualified = await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: QUALIFY, priority: NORMAL }) { status } }`, { id: projectId }, t.allier);
    expect(qualified).toEqual({ status: 200, data: { changeProjectStatus: { status: "QUALIFIED" } } });
  });

  it("counts it in the reporting of each département, once", async () => {
    await hub.reportingCaughtUp();
    const stats = await hub.query<{ a: { projectCount: number }; b: { projectCount: number }; r: { projectCount: number } }>(
      `{ a: portfolio(territoryId: "DEPARTEMENT:03") { projectCount } b: portfolio(territoryId: "COMMUNE:63014") { projectCount } r: portfolio(territoryId: "REGION:84") { projectCount } }`,
      {},
      t.julien,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data).toEqual({ a: { projectCount: 1 }, b: { projectCount: 1 }, r: { projectCount: 1 } });
  });

  it("changes the list with the fiche's version, in the journal, and moves the project out of a département dropped", async () => {
    const { data } = await hub.query<{ project: { version: number } }>(FICHE, { id: projectId }, t.camille);
    const update = (version: number, communeIds: string[]) =>
      hub.query<{ updateProject: { territories: { id: string }[] } }>(
        `mutation($id: ID!, $v: Int!, $c: [ID!]) { updateProject(id: $id, version: $v, input: { communeIds: $c }) { territories { id } } }`,
        { id: projectId, v: version, c: communeIds },
        t.camille,
      );
    const updated = await update(data!.project.version, ["COMMUNE:63014"]);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProject.territories.map((x) => x.id)).toEqual(["COMMUNE:63113", "COMMUNE:63014"]);
    expect(codes(await update(data!.project.version, ["COMMUNE:03190"]))).toEqual(["CONFLICT"]);
    expect(await visibleTo("allier", "DEPARTEMENT:03")).toEqual([]);
    const [last] = await hub.sql<{ kind: string; summary: string; payload: { fields: string[] } }>(
      "projects",
      "SELECT kind, summary, payload FROM activity WHERE project_id = $1 ORDER BY id DESC LIMIT 1",
      [projectId],
    );
    expect(last).toMatchObject({ kind: "PROJECT_UPDATED", payload: { fields: ["communeIds"] } });
  });

  it.each([
    ["an unknown commune", ["COMMUNE:99999"], "NOT_FOUND"],
    ["an EPCI among the communes", ["EPCI:200069177"], "BAD_USER_INPUT"],
    ["a malformed id", ["Aubière"], "BAD_USER_INPUT"],
    ["too many communes", Array.from({ length: 201 }, (_, i) => `COMMUNE:63${String(i).padStart(3, "0")}`), "BAD_USER_INPUT"],
  ])("refuses %s and writes nothing", async (_label, communeIds, code) => {
    const before = await hub.sql<{ n: string }>("projects", "SELECT count(*) AS n FROM project");
    expect(codes(await create(communeIds))).toEqual([code]);
    expect(await hub.sql<{ n: string }>("projects", "SELECT count(*) AS n FROM project")).toEqual(before);
  });
});
