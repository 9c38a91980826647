import { getIntrospectionQuery } from "graphql";
import { type Hub, JULIEN, startHub, wsOperation } from "@hub/testing";
import { statementScope } from "@hub/kit";

/** The bomb of the issue: each level multiplies the one above by 100. */
const BOMB = `{ territory(id: "REGION:84") { members(first: 100) { edges { node { departement { members(first: 100) { edges { node {
  departement { members(first: 100) { edges { node { id name } } } } } } } } } } } } }`;
/** Within the depth limit, over the cost limit: 20402 objects estimated. */
const WIDE = `{ territory(id: "REGION:84") { members(first: 100) { edges { node { departement { members(first: 100) { edges { node { id name } } } } } } } } }`;
const VARIABLE_WIDE = `query($n: Int) { territory(id: "DEPARTEMENT:63") { members(first: $n) { edges { node { members(first: $n) { edges { node { id } } } } } } } }`;

const tooComplex = (name: string, max: number, actual: number, label: string) => ({
  message: `Query ${label} ${actual} exceeds the limit of ${max}`,
  extensions: { code: "QUERY_TOO_COMPLEX", limit: { name, max, actual } },
});
const fields = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(" ");

const refused: [string, string, ReturnType<typeof tooComplex>][] = [
  ["the bomb of the issue (depth first)", BOMB, tooComplex("depth", 12, 13, "depth")],
  ["two pages of 100 nested", WIDE, tooComplex("cost", 10_000, 20_402, "cost")],
  ["31 aliases", `{ me { ${fields(31, (i) => `a${i}: name`)} } }`, tooComplex("aliases", 30, 31, "alias count")],
  ["21 root fields", `{ ${fields(21, (i) => `f${i}: __typename`)} }`, tooComplex("rootFields", 20, 21, "root field count")],
  ["51 directives", `{ me { ${fields(51, () => "... @include(if: true) { name }")} } }`, tooComplex("directives", 50, 51, "directive count")],
];

describe("operation limits at the gateway, before any subgraph call", () => {
  let hub: Hub;
  let julien: string;
  let statements = 0;
  beforeAll(async () => {
    // Julien's session is checked once here and then cached for the whole file: that check is
    // the hub's own statement, not one the refused operations cause.
    hub = await startHub({ sessionCheckSeconds: 3600 });
    julien = await hub.token(JULIEN);
    expect((await hub.query(`{ me { id } }`, {}, julien)).errors).toBeUndefined();
    // Every SQL statement of the subgraphs that could answer these operations.
    for (const name of ["people-territories", "projects", "reporting"] as const) {
      const dataSource = hub.subgraphs[name].database.dataSource;
      const create = dataSource.createQueryRunner.bind(dataSource);
      dataSource.createQueryRunner = (...args) => {
        // Not the hub's own background work (reporting's reader of the journal runs at any moment).
        if (!statementScope.getStore()?.service) statements++;
        return create(...args);
      };
    }
  });
  afterAll(() => hub.stop());

  it.each(refused)("over HTTP, anonymous: %s → 400 QUERY_TOO_COMPLEX, no subgraph touched", async (_label, query, error) => {
    const before = statements;
    const response = await hub.query(query);
    expect(response).toEqual({ status: 400, errors: [expect.objectContaining(error)] });
    expect(statements).toBe(before);
  });

  it.each(refused)("over WebSocket: %s → the same error", async (_label, query, error) => {
    const before = statements;
    const outcome = await wsOperation(hub.gatewayUrl, query, {}, julien);
    expect(outcome.results).toEqual([]);
    // Over WebSocket every limit exceeded is listed (Apollo, over HTTP, stops at the first).
    expect(outcome.errors?.[0]).toEqual(error);
    expect(statements).toBe(before);
  });

  it("a subscription over the limits gets an error message, and no upstream is opened", async () => {
    const deep = `subscription { projectActivity(territoryId: "DEPARTEMENT:63") { project { territory { members(first: 100) { edges { node { members(first: 100) { edges { node { id } } } } } } } } } }`;
    const outcome = await wsOperation(hub.gatewayUrl, deep, {}, julien);
    expect(outcome).toEqual({
      results: [],
      errors: [{ message: "Query cost 20304 exceeds the limit of 10000", extensions: { code: "QUERY_TOO_COMPLEX", limit: { name: "cost", max: 10_000, actual: 20_304 } } }],
    });
    const health = (await (await fetch(`${hub.origin}/health`)).json()) as { subscriptions: unknown };
    expect(health.subscriptions).toEqual({ subscribers: 0, upstreams: 0 });
  });

  it("counts `first` given in variables", async () => {
    const before = statements;
    expect(await hub.query(VARIABLE_WIDE, { n: 100 })).toEqual({ status: 400, errors: [expect.objectContaining(tooComplex("cost", 10_000, 20_302, "cost"))] });
    expect(statements).toBe(before);
    const small = await hub.query<{ territory: { members: { edges: unknown[] } } }>(VARIABLE_WIDE, { n: 3 });
    expect(small.errors).toBeUndefined();
    expect(small.data?.territory.members.edges).toHaveLength(3);
    // The counter sees the subgraphs' statements when there are some.
    expect(statements).toBeGreaterThan(before);
    // The same document passed with n = 3: with n = 100 it is measured again, and refused.
    expect(await hub.query(VARIABLE_WIDE, { n: 100 })).toEqual({ status: 400, errors: [expect.objectContaining(tooComplex("cost", 10_000, 20_302, "cost"))] });
  });

  it("stops parsing past 5,000 tokens", async () => {
    const response = await hub.query(`{ me { ${"name ".repeat(5000)} } }`);
    expect(response).toEqual({ status: 400, errors: [expect.objectContaining(tooComplex("tokens", 5000, 5001, "token count"))] });
  });

  it("lets a signed-in developer introspect the schema", async () => {
    const response = await hub.query<{ __schema: { types: unknown[] } }>(getIntrospectionQuery(), {}, julien);
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema.types.length).toBeGreaterThan(50);
  });
});

describe("operation limits set through the environment", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub({ gatewayEnv: { QUERY_MAX_DEPTH: "5", QUERY_MAX_COST: "40" } });
  });
  afterAll(() => hub.stop());

  it("applies QUERY_MAX_DEPTH and QUERY_MAX_COST", async () => {
    expect(await hub.query(`{ territory(id: "DEPARTEMENT:63") { region { departement { region { departement { id } } } } } }`)).toEqual({
      status: 400,
      errors: [expect.objectContaining(tooComplex("depth", 5, 6, "depth"))],
    });
    expect(await hub.query(`{ territory(id: "DEPARTEMENT:63") { members { edges { node { id } } } } }`)).toEqual({
      status: 400,
      errors: [expect.objectContaining(tooComplex("cost", 40, 42, "cost"))],
    });
  });
});
