import { CAMILLE, codes, JULIEN, NADIA, startHub, wsOperation, type Hub } from "@hub/testing";

const LEA = "lea.roux@cerema.demo";
const LOUIS = "louis.moreau@anct.demo";
const RESOURCE = "6f1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f";

const RECOMMEND = `mutation($input: RecommendInput!) { recommend(input: $input) { id title status visibility priority deadline why whatToDo contactText resource { id } author { name } block { reason } } }`;
const LIST = `query($id: ID!) { project(id: $id) { recommendations(first: 10) { totalCount edges { node { id title status visibility readBy { readAt reader { name } } viewerHasRead followUps { status comment } } } } } }`;

interface Listed {
  project: {
    recommendations: {
      totalCount: number;
      edges: {
        node: {
          id: string;
          title: string;
          status: string;
          visibility: string;
          readBy: { readAt: string; reader: { name: string } | null }[];
          viewerHasRead: boolean | null;
          followUps: { status: string; comment: string }[];
        };
      }[];
    };
  };
}

describe("recommendations on a project, through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  let draftId: string;

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA, lea: LEA, louis: LOUIS })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Maison de santé", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
    await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: projectId }, t.camille);
  });
  afterAll(() => hub.stop());

  const list = async (who: string) => (await hub.query<Listed>(LIST, { id: projectId }, t[who])).data!.project.recommendations;

  it("lets the State write a draft that only the State side sees", async () => {
    const draft = await hub.query<{ recommend: Record<string, unknown> & { id: string } }>(
      RECOMMEND,
      {
        input: {
          projectId,
          resourceId: RESOURCE,
          title: "Solliciter l'appui du Cerema",
          why: "Le programme demande une étude de faisabilité",
          whatToDo: "Prendre contact avant mars",
          contactText: "Cerema Centre-Est, 04 00 00 00 00",
          deadline: "2026-03-31",
          priority: "HIGH",
        },
      },
      t.julien,
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.recommend).toMatchObject({
      status: "PROPOSED",
      visibility: "DRAFT",
      priority: "HIGH",
      deadline: "2026-03-31",
      resource: { id: RESOURCE },
      author: { name: "Julien Bernard" },
      block: null,
    });
    draftId = draft.data!.recommend.id;
    expect((await list("julien")).totalCount).toBe(1);
    expect((await list("nadia")).totalCount).toBe(1);
    expect(await list("camille")).toMatchObject({ totalCount: 0, edges: [] });
    expect((await list("louis")).totalCount).toBe(0);
    expect(codes(await hub.query(`query($id: ID!) { recommendation(id: $id) { id } }`, { id: draftId }, t.camille))).toEqual(["NOT_FOUND"]);
    const [row] = await hub.sql<{ visibility: string; author_organization_id: string }>("projects", "SELECT visibility, author_organization_id FROM recommendation WHERE id = $1", [draftId]);
    expect(row).toEqual({ visibility: "DRAFT", author_organization_id: "DDT:63" });
  });

  it("refuses bad input and the wrong people, each with its code", async () => {
    const input = { projectId, title: "Un conseil" };
    expect(codes(await hub.query(RECOMMEND, { input }, t.camille))).toEqual(["FORBIDDEN"]);
    // The expert sees nothing of a project its organisation is not associated with.
    expect(codes(await hub.query(RECOMMEND, { input }, t.lea))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(RECOMMEND, { input: { ...input, title: "  " } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(RECOMMEND, { input: { ...input, deadline: "2026-02-30" } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(RECOMMEND, { input: { ...input, resourceId: "not-a-uuid" } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(RECOMMEND, { input: { ...input, forBlock: true } }, t.julien))).toEqual(["CONFLICT"]);
    expect(codes(await hub.query(RECOMMEND, { input: { ...input, projectId: "7d1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f" } }, t.julien))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(RECOMMEND, { input }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await hub.query(`mutation($id: ID!) { followUpRecommendation(id: $id, status: DONE) { id } }`, { id: draftId }, t.camille))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(`mutation($id: ID!) { followUpRecommendation(id: $id, status: DONE) { id } }`, { id: draftId }, t.julien))).toEqual(["CONFLICT"]);
    expect(codes(await hub.query(`mutation($id: ID!) { publishRecommendation(id: $id) { id } }`, { id: draftId }, t.camille))).toEqual(["FORBIDDEN"]);
    const [{ count }] = await hub.sql<{ count: number }>("projects", "SELECT count(*)::int AS count FROM recommendation");
    expect(count).toBe(1);
  });

  it("publishes it, takes the collectivité's follow-ups and read receipts, each an activity seen live", async () => {
    const [{ latest }] = await hub.sql<{ latest: string }>("projects", "SELECT max(id)::text AS latest FROM activity");
    const live = wsOperation(
      hub.gatewayUrl,
      `subscription($id: ID, $after: String) { projectActivity(projectId: $id, after: $after) { kind summary actor { name } } }`,
      { id: projectId, after: latest },
      t.camille,
      3,
    );

    const published = await hub.query<{ publishRecommendation: { visibility: string } }>(`mutation($id: ID!) { publishRecommendation(id: $id) { visibility } }`, { id: draftId }, t.julien);
    expect(published.data!.publishRecommendation.visibility).toBe("PUBLISHED");
    expect(codes(await hub.query(`mutation($id: ID!) { publishRecommendation(id: $id) { id } }`, { id: draftId }, t.julien))).toEqual(["CONFLICT"]);

    const read = await hub.query<{ markRecommendationRead: { viewerHasRead: boolean } }>(`mutation($id: ID!) { markRecommendationRead(id: $id) { viewerHasRead } }`, { id: draftId }, t.camille);
    expect(read.errors).toBeUndefined();
    // A second read keeps the first one's time and writes no activity.
    await hub.query(`mutation($id: ID!) { markRecommendationRead(id: $id) { id } }`, { id: draftId }, t.camille);
    const followed = await hub.query<{ followUpRecommendation: { status: string } }>(
      `mutation($id: ID!) { followUpRecommendation(id: $id, status: IN_PROGRESS, comment: "Rendez-vous pris le 12") { status } }`,
      { id: draftId },
      t.camille,
    );
    expect(followed.data!.followUpRecommendation.status).toBe("IN_PROGRESS");

    const mine = await list("camille");
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toMatchObject({ status: "IN_PROGRESS", visibility: "PUBLISHED", viewerHasRead: true, followUps: [{ status: "IN_PROGRESS", comment: "Rendez-vous pris le 12" }] });
    expect(mine.edges[0].node.readBy.map((r) => r.reader)).toEqual([{ name: "Camille Martin" }]);
    expect(Date.parse(mine.edges[0].node.readBy[0].readAt)).not.toBeNaN();
    expect((await list("julien")).edges[0].node.viewerHasRead).toBe(false);

    const outcome = await live;
    expect(outcome.errors).toBeNull();
    expect(outcome.results.map((r) => (r.data as { projectActivity: { kind: string } }).projectActivity.kind)).toEqual([
      "RECOMMENDATION_PUBLISHED",
      "RECOMMENDATION_READ",
      "RECOMMENDATION_FOLLOWED_UP",
    ]);
    expect((outcome.results[2].data as { projectActivity: { summary: string; actor: { name: string } } }).projectActivity).toMatchObject({
      summary: "Recommandation « Solliciter l'appui du Cerema » : en cours (Rendez-vous pris le 12)",
      actor: { name: "Camille Martin" },
    });
    const kinds = await hub.sql<{ kind: string; internal: boolean }>("projects", "SELECT kind, internal FROM activity WHERE project_id = $1 AND kind LIKE 'RECOMMENDATION_%' ORDER BY id", [projectId]);
    expect(kinds).toEqual([
      { kind: "RECOMMENDATION_CREATED", internal: true },
      { kind: "RECOMMENDATION_PUBLISHED", internal: false },
      { kind: "RECOMMENDATION_READ", internal: false },
      { kind: "RECOMMENDATION_FOLLOWED_UP", internal: false },
    ]);
    const details = await hub.query<{ project: { activity: { edges: { node: { kind: string; details: Record<string, unknown> | null } }[] } } }>(
      `query($id: ID!) { project(id: $id) { activity(first: 50) { edges { node { kind details { ... on RecommendationDetails { title previousStatus status visibility } } } } } } }`,
      { id: projectId },
      t.camille,
    );
    const followUp = details.data!.project.activity.edges.find((e) => e.node.kind === "RECOMMENDATION_FOLLOWED_UP");
    expect(followUp!.node.details).toEqual({ title: "Solliciter l'appui du Cerema", previousStatus: "PROPOSED", status: "IN_PROGRESS", visibility: "PUBLISHED" });
  });

  it("lets an associated expert recommend, and ties recommendations to the project's block", async () => {
    await hub.query(`mutation($id: ID!) { associateOrganization(projectId: $id, organizationId: "OPERATOR:CEREMA") { id } }`, { id: projectId }, t.julien);
    const blocked = await hub.query(`mutation($id: ID!) { blockProject(id: $id, reason: "Foncier non maîtrisé") { id } }`, { id: projectId }, t.julien);
    expect(blocked.errors).toBeUndefined();
    const expert = await hub.query<{ recommend: { visibility: string; block: { reason: string } } }>(
      RECOMMEND,
      { input: { projectId, title: "Recourir à l'établissement public foncier", forBlock: true, publish: true } },
      t.lea,
    );
    expect(expert.errors).toBeUndefined();
    expect(expert.data!.recommend).toMatchObject({ visibility: "PUBLISHED", block: { reason: "Foncier non maîtrisé" }, author: { name: "Léa Roux" } });
    const fiche = await hub.query<{ project: { block: { reason: string; recommendations: { title: string }[] }; recommendations: { totalCount: number } } }>(
      `query($id: ID!) { project(id: $id) { block { reason recommendations { title } } recommendations { totalCount } } }`,
      { id: projectId },
      t.camille,
    );
    expect(fiche.data!.project).toEqual({ block: { reason: "Foncier non maîtrisé", recommendations: [{ title: "Recourir à l'établissement public foncier" }] }, recommendations: { totalCount: 2 } });
    // The collectivité's status filter and paging: one per page, the total stays.
    const paged = await hub.query<{ project: { recommendations: { totalCount: number; edges: { node: { title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
      `query($id: ID!) { project(id: $id) { recommendations(first: 1) { totalCount edges { node { title } } pageInfo { hasNextPage endCursor } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(paged.data!.project.recommendations).toMatchObject({ totalCount: 2, edges: [{ node: { title: "Solliciter l'appui du Cerema" } }], pageInfo: { hasNextPage: true } });
    const next = await hub.query<{ project: { recommendations: { edges: { node: { title: string } }[]; pageInfo: { hasNextPage: boolean } } } }>(
      `query($id: ID!, $after: String) { project(id: $id) { recommendations(first: 1, after: $after) { edges { node { title } } pageInfo { hasNextPage } } } }`,
      { id: projectId, after: paged.data!.project.recommendations.pageInfo.endCursor },
      t.camille,
    );
    expect(next.data!.project.recommendations).toEqual({ edges: [{ node: { title: "Recourir à l'établissement public foncier" } }], pageInfo: { hasNextPage: false } });
    const filtered = await hub.query<{ project: { recommendations: { totalCount: number } } }>(
      `query($id: ID!) { project(id: $id) { recommendations(status: IN_PROGRESS) { totalCount } } }`,
      { id: projectId },
      t.camille,
    );
    expect(filtered.data!.project.recommendations.totalCount).toBe(1);
  });
});
