import { CAMILLE, startHub, type GraphQLResponse, type Hub, type SubgraphName } from "@hub/testing";

/** The timeout the gateway gets in this file: a frozen subgraph costs about this long, no more. */
const TIMEOUT_MS = 8000;

const CREATE = `mutation Create($input: CreateProjectInput!) { createProject(input: $input) { id } }`;

/** The federated page: projects (projects) with territory (people-territories), stats (reporting) and funding (funding). */
const PAGE = `query Page {
  projects(first: 10) {
    edges { node {
      id title
      territory { id name stats { projectCount } }
      owner { name }
      fundingApplications { id status }
      fundingOpportunities(first: 3) { edges { node { id name } } }
    } }
  }
}`;

interface PageNode {
  id: string;
  title: string;
  territory: { id: string; name: string; stats: { projectCount: number } | null };
  owner: { name: string };
  fundingApplications: unknown[] | null;
  fundingOpportunities: { edges: unknown[] } | null;
}
type Page = GraphQLResponse<{ projects: { edges: { node: PageNode }[] } }>;

describe("a failing subgraph costs its own fields only", () => {
  let hub: Hub;
  let token: string;
  let full: PageNode[];

  const page = async (): Promise<{ response: Page; ms: number }> => {
    const started = performance.now();
    const response: Page = await hub.query(PAGE, {}, token);
    return { response, ms: performance.now() - started };
  };

  /** The page with `fields` of every project null, the rest as when everything answers. */
  const without = (fields: ("stats" | "fundingApplications" | "fundingOpportunities")[]) =>
    full.map((node) => ({
      ...node,
      territory: { ...node.territory, stats: fields.includes("stats") ? null : node.territory.stats },
      fundingApplications: fields.includes("fundingApplications") ? null : node.fundingApplications,
      fundingOpportunities: fields.includes("fundingOpportunities") ? null : node.fundingOpportunities,
    }));

  const expectOneErrorNaming = (response: Page, serviceName: SubgraphName) => {
    expect(response.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: "UPSTREAM_UNAVAILABLE", serviceName })]);
    expect(response.status).toBe(200);
  };

  const expectRecovered = async () => {
    const { response } = await page();
    expect(response.errors).toBeUndefined();
    expect(response.data?.projects.edges.map((e) => e.node)).toEqual(full);
  };

  beforeAll(async () => {
    hub = await startHub({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) } });
    token = await hub.token(CAMILLE);
    for (const title of ["Rénovation de l'école Jules-Ferry", "Chaufferie bois du gymnase"]) {
      const created = await hub.query(CREATE, { input: { title, territoryId: "COMMUNE:63113", themes: ["energies-dechets"], description: "Économies d'énergie." } }, token);
      expect(created.errors).toBeUndefined();
    }
    // Reporting counts in the background: the page compared after each fault is the one with every project counted.
    await hub.reportingCaughtUp();
    const { response } = await page();
    expect(response.errors).toBeUndefined();
    full = response.data!.projects.edges.map((e) => e.node);
    expect(full.length).toBeGreaterThanOrEqual(2);
    expect(full.every((n) => n.territory.stats !== null && n.fundingApplications !== null && n.fundingOpportunities !== null)).toBe(true);
  });
  afterAll(() => hub.stop());

  it("reporting stopped: the projects answer, their stats null, one error naming reporting; back when it is", async () => {
    await hub.stopSubgraph("reporting");
    const { response, ms } = await page();
    expect(response.data?.projects.edges.map((e) => e.node)).toEqual(without(["stats"]));
    expectOneErrorNaming(response, "reporting");
    expect(ms).toBeLessThan(TIMEOUT_MS);

    await hub.startSubgraph("reporting");
    await expectRecovered();
  });

  it("reporting frozen (connections accepted, never answered): the same, within the timeout", async () => {
    await hub.freezeSubgraph("reporting");
    const { response, ms } = await page();
    expect(response.data?.projects.edges.map((e) => e.node)).toEqual(without(["stats"]));
    expectOneErrorNaming(response, "reporting");
    expect(response.errors![0].message).toBe(`Service reporting is unavailable: no answer within ${TIMEOUT_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);

    await hub.startSubgraph("reporting");
    await expectRecovered();
  });

  it("funding frozen: the projects answer, their funding null, one error naming funding; back when it is", async () => {
    await hub.freezeSubgraph("funding");
    const { response, ms } = await page();
    expect(response.data?.projects.edges.map((e) => e.node)).toEqual(without(["fundingApplications", "fundingOpportunities"]));
    expectOneErrorNaming(response, "funding");
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);

    await hub.startSubgraph("funding");
    await expectRecovered();
  });
});
