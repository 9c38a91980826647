import { CAMILLE, codes, JULIEN, startHub, type Hub } from "@hub/testing";

const CREATE = `mutation Create($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
const valid = { title: "Maison de santé", territoryId: "COMMUNE:63113", themes: ["solidarites-lien-social"] };
const UUID = "7d3f1a52-2b1e-4c8e-9a39-0c6d2b0b7e11";

describe("bad input gets a coded GraphQL error and writes nothing", () => {
  let hub: Hub;
  let camille: string;
  let julien: string;
  beforeAll(async () => {
    hub = await startHub();
    camille = await hub.token(CAMILLE);
    julien = await hub.token(JULIEN);
  });
  afterAll(() => hub.stop());

  async function counts() {
    const [row] = await hub.sql<{ projects: number; activities: number }>("projects", "SELECT (SELECT count(*)::int FROM project) AS projects, (SELECT count(*)::int FROM activity) AS activities");
    return row;
  }

  const mutations: [string, string, Record<string, unknown>, "camille" | "julien" | null][] = [
    ["an empty title", "BAD_USER_INPUT", { ...valid, title: "   " }, "camille"],
    ["a title of 201 characters", "BAD_USER_INPUT", { ...valid, title: "x".repeat(201) }, "camille"],
    ["a description of 5,001 characters", "BAD_USER_INPUT", { ...valid, description: "x".repeat(5001) }, "camille"],
    ["an unknown theme", "BAD_USER_INPUT", { ...valid, themes: ["astronautique"] }, "camille"],
    ["a malformed territory id", "BAD_USER_INPUT", { ...valid, territoryId: "63113" }, "camille"],
    ["an EPCI of another collectivité", "FORBIDDEN", { ...valid, territoryId: "EPCI:246300701" }, "camille"],
    ["a département", "BAD_USER_INPUT", { ...valid, territoryId: "DEPARTEMENT:63" }, "camille"],
    ["an unknown EPCI", "NOT_FOUND", { ...valid, territoryId: "EPCI:999999999" }, "camille"],
    ["an unknown commune", "NOT_FOUND", { ...valid, territoryId: "COMMUNE:99999" }, "camille"],
    ["a commune outside the caller's collectivité", "FORBIDDEN", { ...valid, territoryId: "COMMUNE:75056" }, "camille"],
    ["a State agent creating a project", "FORBIDDEN", valid, "julien"],
    ["no sign-in", "UNAUTHENTICATED", valid, null],
    ["a missing title (variables)", "BAD_USER_INPUT", { territoryId: "COMMUNE:63113" }, "camille"],
  ];

  it.each(mutations)("createProject with %s → %s", async (_label, code, input, who) => {
    const before = await counts();
    const token = who === "camille" ? camille : who === "julien" ? julien : undefined;
    const response = await hub.query(CREATE, { input }, token);
    expect(codes(response)).toEqual([code]);
    expect(response.data?.createProject ?? null).toBeNull();
    expect(await counts()).toEqual(before);
  });

  const queries: [string, string, string, Record<string, unknown>][] = [
    ["an unknown project id", "NOT_FOUND", `query($id: ID!) { project(id: $id) { id } }`, { id: UUID }],
    ["a malformed project id", "BAD_USER_INPUT", `query($id: ID!) { project(id: $id) { id } }`, { id: "42; DROP TABLE project" }],
    ["a wrong enum value (variables)", "BAD_USER_INPUT", `query($s: ProjectStatus) { projects(filter: { status: $s }) { edges { node { id } } } }`, { s: "FINISHED" }],
    ["a wrong enum value (literal)", "GRAPHQL_VALIDATION_FAILED", `{ projects(filter: { status: FINISHED }) { edges { node { id } } } }`, {}],
    ["a page of 0", "BAD_USER_INPUT", `{ projects(first: 0) { edges { node { id } } } }`, {}],
    ["a page of 1,000", "BAD_USER_INPUT", `{ territories(first: 1000) { edges { node { id } } } }`, {}],
    ["a forged cursor", "BAD_USER_INPUT", `{ projects(after: "bm90LWEtY3Vyc29y") { edges { node { id } } } }`, {}],
    ["a malformed territory id", "BAD_USER_INPUT", `{ territory(id: "PARIS") { id } }`, {}],
    ["an unknown territory", "NOT_FOUND", `{ territory(id: "COMMUNE:00000") { id } }`, {}],
    ["an oversized search", "BAD_USER_INPUT", `query($s: String) { territories(search: $s) { edges { node { id } } } }`, { s: "a".repeat(101) }],
    ["an unknown organisation", "NOT_FOUND", `{ organization(id: "COLLECTIVITE:000000000") { id } }`, {}],
    ["a malformed funding id", "BAD_USER_INPUT", `{ fundingOpportunity(id: "150000") { id } }`, {}],
    ["an unknown funding id", "NOT_FOUND", `{ fundingOpportunity(id: "AT:999999") { id } }`, {}],
    ["a malformed portfolio territory", "BAD_USER_INPUT", `{ portfolio(territoryId: "nowhere") { projectCount } }`, {}],
    ["an unknown field", "GRAPHQL_VALIDATION_FAILED", `{ projects { edges { node { budget } } } }`, {}],
    ["a syntax error", "GRAPHQL_PARSE_FAILED", `{ projects( }`, {}],
    ["the internal identity query", "GRAPHQL_VALIDATION_FAILED", `{ identity(email: "${CAMILLE}") { personId } }`, {}],
  ];

  it.each(queries)("%s → %s, without stack trace or SQL", async (_label, code, query, variables) => {
    const response = await hub.query(query, variables, camille);
    expect(codes(response)).toEqual([code]);
    const text = JSON.stringify(response.errors);
    expect(text).not.toMatch(/stacktrace|SELECT|INSERT|QueryFailedError|\.ts:\d+/);
  });

  it("refuses a forged or expired bearer token with UNAUTHENTICATED (401)", async () => {
    const forged = `${camille.slice(0, -4)}AAAA`;
    const response = await hub.query(`{ projects { edges { node { id } } } }`, {}, forged);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(["UNAUTHENTICATED"]);
  });

  it("reads projects only when signed in", async () => {
    const response = await hub.query(`{ projects { edges { node { id } } } }`);
    expect(codes(response)).toEqual(["UNAUTHENTICATED"]);
  });
});
