import { CAMILLE, startHub, type Hub } from "@hub/testing";

const PAGE = `query Page($first: Int!, $after: String) {
  territories(kind: COMMUNE, first: $first, after: $after) {
    edges { cursor node { id name departement { name } region { name } epcis { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("territories through the gateway", () => {
  let hub: Hub;
  let token: string;
  beforeAll(async () => {
    hub = await startHub();
    token = await hub.token(CAMILLE);
    // The gateway checks the session with people-territories once, then caches the answer
    // (SESSION_CHECK_SECONDS): done here, so that the counts below are the page's own.
    const me = await hub.query<{ me: { id: string } | null }>(`{ me { id } }`, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me?.id).toEqual(expect.any(String));
  });
  afterAll(() => hub.stop());

  /** SQL statements people-territories runs for one request. */
  async function statementsFor(query: string, variables: Record<string, unknown>) {
    const counter = hub.subgraphs["people-territories"].database.statements;
    const before = counter.count;
    const response = await hub.query(query, variables, token);
    expect(response.errors).toBeUndefined();
    return { count: counter.count - before, response };
  }

  it("loads a page of communes with EPCI, département and région in the same number of statements whatever its size", async () => {
    const small = await statementsFor(PAGE, { first: 10 });
    const large = await statementsFor(PAGE, { first: 100 });
    expect((large.response.data as { territories: { edges: unknown[] } }).territories.edges).toHaveLength(100);
    expect(large.count).toBe(small.count);
    // page + départements/régions (one batch) + EPCI memberships (one batch)
    expect(large.count).toBeLessThanOrEqual(4);
  });

  it("pages without gaps or repeats, most populated first", async () => {
    const first = await hub.query<{ territories: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(PAGE, { first: 5 }, token);
    const second = await hub.query<{ territories: { edges: { node: { id: string } }[] } }>(PAGE, { first: 5, after: first.data!.territories.pageInfo.endCursor }, token);
    const both = await hub.query<{ territories: { edges: { node: { id: string } }[] } }>(PAGE, { first: 10 }, token);
    const ids = (r: { territories: { edges: { node: { id: string } }[] } }) => r.territories.edges.map((e) => e.node.id);
    expect([...ids(first.data!), ...ids(second.data!)]).toEqual(ids(both.data!));
    expect(ids(first.data!)[0]).toBe("COMMUNE:75056");
  });

  it.each([
    ["st affrique", "COMMUNE:12208"],
    ["Saint-Affrique", "COMMUNE:12208"],
    ["12400", "COMMUNE:12208"],
    ["Évry", "COMMUNE:89162"],
    ["evry courcouronnes", "COMMUNE:91228"],
    ["EVRY-COURCOURONNES", "COMMUNE:91228"],
    ["clermont ferrand", "COMMUNE:63113"],
    ["clermont-fer", "COMMUNE:63113"],
    ["clermond ferrand", "COMMUNE:63113"],
    ["63000", "COMMUNE:63113"],
    ["63113", "COMMUNE:63113"],
    ["216301135", "COMMUNE:63113"],
    ["l'hay les roses", "COMMUNE:94038"],
    ["ste foy les lyon", "COMMUNE:69202"],
    ["courcouronnes", "COMMUNE:91228"],
  ])("finds %s → %s first", async (search, id) => {
    const response = await hub.query<{ territories: { edges: { node: { id: string } }[] } }>(
      `query($s: String) { territories(search: $s, kind: COMMUNE, first: 3) { edges { node { id } } } }`,
      { s: search },
      token,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.territories.edges[0]?.node.id).toBe(id);
  });

  it("lists the members of a région, an EPCI and a CRTE", async () => {
    const response = await hub.query<Record<string, { members: { edges: { node: { kind: string } }[] } }>>(
      `{ r: territory(id: "REGION:84") { members(first: 100) { edges { node { kind } } } }
         e: territory(id: "EPCI:246300701") { members(first: 100) { edges { node { kind } } } }
         c: territory(id: "CRTE:crte-84-01-1") { members(first: 10) { edges { node { kind } } } } }`,
      {},
      token,
    );
    expect(response.errors).toBeUndefined();
    const kinds = (key: string) => [...new Set(response.data![key].members.edges.map((e) => e.node.kind))];
    expect(response.data!.r.members.edges).toHaveLength(12);
    expect(kinds("r")).toEqual(["DEPARTEMENT"]);
    expect(response.data!.e.members.edges).toHaveLength(21);
    expect(kinds("e")).toEqual(["COMMUNE"]);
    expect(kinds("c")).toEqual(["EPCI"]);
  });
});
