import { CAMILLE, startHub, type Hub } from "@hub/testing";

describe("Aides-Territoires perimeters", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it("asks Aides-Territoires once for a commune's perimeter, and again once the cached answer is 30 days old", async () => {
    const token = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Piscine", territoryId: "COMMUNE:63113", themes: ["culture-patrimoine-sports-tourisme"] }) { id } }`,
      {},
      token,
    );
    const query = `query($id: ID!) { project(id: $id) { fundingOpportunities(first: 1) { edges { node { id } } } } }`;
    const perimeterCalls = async () => {
      const before = hub.standIn.stats.dataRequests;
      const response = await hub.query<{ project: { fundingOpportunities: { edges: unknown[] } } }>(query, { id: created.data!.createProject.id }, token);
      // An answer with an aid: the search really ran, from the cached perimeter or a fresh one.
      expect(response.errors).toBeUndefined();
      expect(response.data!.project.fundingOpportunities.edges).toHaveLength(1);
      return hub.standIn.stats.dataRequests - before;
    };
    // First time: the perimeter lookup and the aid search; then nothing (both cached).
    expect(await perimeterCalls()).toBe(2);
    expect(await perimeterCalls()).toBe(0);
    await hub.sql("funding", "UPDATE perimeter SET fetched_at = now() - interval '31 days'");
    expect(await perimeterCalls()).toBe(1);
    const [row] = await hub.sql<{ perimeter_id: number }>("funding", "SELECT perimeter_id FROM perimeter WHERE territory_id = 'COMMUNE:63113'");
    expect(row.perimeter_id).toBe(95861);
  });
});
