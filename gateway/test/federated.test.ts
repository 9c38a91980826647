import { CAMILLE, startHub, type Hub } from "@hub/testing";

const CREATE = `mutation Create($input: CreateProjectInput!) {
  createProject(input: $input) { id title status themes }
}`;

const FEDERATED = `query Fiche($id: ID!) {
  project(id: $id) {
    id title status themes
    territory { id name population departement { name } region { name } epcis { name } stats { projectCount byStatus { status count } } }
    owner { id name kind }
    createdBy { name email }
    fundingOpportunities(first: 50) { edges { node { id name kind perimeter score reasons } } pageInfo { hasNextPage } }
  }
}`;

/** What the tests read of FEDERATED's project beyond comparing it whole. */
interface FederatedProject {
  territory: { population: number };
  fundingOpportunities: { edges: { node: { name: string; perimeter: string; reasons: string[] } }[] };
}

describe("one request through the gateway touches all four subgraphs", () => {
  let hub: Hub;
  let firstId: string;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it("returns a project with its territory (people-territories), stats (reporting) and funding (funding)", async () => {
    const token = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(
      CREATE,
      { input: { title: "Rénovation énergétique de l'école Jules-Ferry", territoryId: "COMMUNE:63113", themes: ["energies-dechets"], description: "Isolation et chaufferie bois." } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProject.id;
    firstId = id;
    // Reporting counts in the background: wait until it has read the journal.
    await hub.reportingCaughtUp();

    const response = await hub.query<{ project: FederatedProject }>(FEDERATED, { id }, token);
    expect(response.errors).toBeUndefined();
    const project = response.data!.project;
    expect({ ...project, fundingOpportunities: undefined }).toEqual({
      id,
      title: "Rénovation énergétique de l'école Jules-Ferry",
      status: "DRAFT",
      themes: ["energies-dechets"],
      territory: {
        id: "COMMUNE:63113",
        name: "Clermont-Ferrand",
        population: expect.any(Number) as unknown,
        departement: { name: "Puy-de-Dôme" },
        region: { name: "Auvergne-Rhône-Alpes" },
        epcis: [{ name: "Clermont Auvergne Métropole" }],
        // A draft counts only for the organisations that may see it: here its own collectivité.
        stats: { projectCount: 1, byStatus: [{ status: "DRAFT", count: 1 }] },
      },
      owner: { id: "COLLECTIVITE:216301135", name: "Commune de Clermont-Ferrand", kind: "COLLECTIVITE" },
      createdBy: { name: "Camille Martin", email: CAMILLE },
      fundingOpportunities: undefined,
    });
    expect(project.territory.population).toBeGreaterThan(100_000);

    // Funding: energy aids for the idea phase (studies, engineering) that apply in Clermont-Ferrand
    // (France, its région, its département), none elsewhere, none for works yet.
    const names = project.fundingOpportunities.edges.map((e) => e.node.name);
    expect(names).toContain("ACTEE : audits et études énergétiques du patrimoine public");
    expect(names).toContain("Ingénierie financière des projets de transition");
    expect(names).not.toContain("Fonds vert : rénovation énergétique des bâtiments publics locaux");
    expect(names.filter((n) => n.includes("Bretagne"))).toEqual([]);
    expect(project.fundingOpportunities.edges[0].node.reasons).toEqual(expect.arrayContaining(["Couvre votre commune", "Thème : Énergies / Déchets", "Adapté à la phase Idée"]));
    const perimeters = new Set(project.fundingOpportunities.edges.map((e) => e.node.perimeter));
    expect([...perimeters].every((p) => ["France", "Auvergne-Rhône-Alpes", "Puy-de-Dôme"].includes(p))).toBe(true);
  });

  it("counts submitted projects in the commune's, département's and région's stats", async () => {
    const token = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(CREATE, { input: { title: "Voie verte des Côtes", territoryId: "COMMUNE:63113", themes: ["mobilite-transports"] } }, token);
    expect(created.errors).toBeUndefined();
    for (const projectId of [firstId, created.data!.createProject.id]) {
      const submitted = await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, transition: "SUBMIT" } }, token);
      expect(submitted.errors).toBeUndefined();
    }
    await hub.reportingCaughtUp();
    const stats = await hub.query<Record<string, { stats: { projectCount: number } }>>(
      `{ c: territory(id: "COMMUNE:63113") { stats { projectCount } }
         d: territory(id: "DEPARTEMENT:63") { stats { projectCount } }
         r: territory(id: "REGION:84") { stats { projectCount } }
         other: territory(id: "DEPARTEMENT:29") { stats { projectCount } } }`,
      {},
      token,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data).toEqual({ c: { stats: { projectCount: 2 } }, d: { stats: { projectCount: 2 } }, r: { stats: { projectCount: 2 } }, other: { stats: { projectCount: 0 } } });
  });
});
