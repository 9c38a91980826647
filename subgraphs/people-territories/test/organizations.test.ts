import { JULIEN, startHub, type Hub } from "@hub/testing";

const SEARCH = `query($search: String!, $kind: OrganizationKind, $first: Int, $after: String) {
  organizations(search: $search, kind: $kind, first: $first, after: $after) {
    edges { node { id kind name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  organizations: { edges: { node: { id: string; kind: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** organizations(search, kind): finding an organisation by name (e.g. an expert to associate with a project), through the gateway. */
describe("organizations(search) through the gateway", () => {
  let hub: Hub;
  let token: string;
  beforeAll(async () => {
    hub = await startHub();
    token = await hub.token(JULIEN);
  });
  afterAll(() => hub.stop());

  const search = async (variables: Record<string, unknown>) => {
    const response = await hub.query<Page>(SEARCH, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data!.organizations;
  };

  it("finds an operator by a word of its name, case-insensitively, with its kind", async () => {
    const page = await search({ search: "cerema" });
    expect(page.edges.map((edge) => edge.node)).toContainEqual({ id: "OPERATOR:CEREMA", kind: "OPERATOR", name: "Cerema" });
  });

  it("needs every word, narrows by kind, and pages by name", async () => {
    const all = await search({ search: "Puy Dôme", first: 50 });
    expect(all.edges.length).toBeGreaterThan(1);
    for (const { node } of all.edges) expect(node.name.toLowerCase()).toMatch(/puy.*dôme|dôme.*puy/);
    const names = all.edges.map((edge) => edge.node.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);

    const ddt = await search({ search: "Puy Dôme", kind: "DDT" });
    expect(ddt.edges.map((edge) => edge.node.id)).toEqual(["DDT:63"]);

    const first = await search({ search: "Puy Dôme", first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search({ search: "Puy Dôme", first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node.id)).toEqual(all.edges.slice(2, 4).map((edge) => edge.node.id));
  });

  it("takes % and _ literally and refuses an empty or too long search with BAD_USER_INPUT", async () => {
    expect((await search({ search: "%" })).edges).toEqual([]);
    for (const bad of ["  ", "x".repeat(101)]) {
      const response = await hub.query(SEARCH, { search: bad }, token);
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });
});
