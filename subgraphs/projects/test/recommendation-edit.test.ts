import { AMELIE, CAMILLE, codes, JULIEN, NADIA, startHub, wsOperation, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";
const RESOURCE = "6f1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f";

const RECOMMEND = `mutation($input: RecommendInput!) { recommend(input: $input) { id version } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: RecommendationChangesInput!) {
  updateRecommendation(id: $id, version: $version, input: $input) { id version title why whatToDo contactText deadline priority resource { id } viewerCanEdit } }`;
const DELETE = `mutation($id: ID!) { deleteRecommendation(id: $id) { id recommendations { totalCount } } }`;

interface Updated {
  updateRecommendation: {
    id: string;
    version: number;
    title: string;
    why: string;
    whatToDo: string;
    contactText: string | null;
    deadline: string | null;
    priority: string;
    resource: { id: string } | null;
    viewerCanEdit: boolean;
  };
}

describe("editing and deleting a recommendation, through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  let id: string;

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, amelie: AMELIE, nadia: NADIA, louis: LOUIS })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Halle du marché", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
    await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: projectId }, t.camille);
    const draft = await hub.query<{ recommend: { id: string; version: number } }>(
      RECOMMEND,
      { input: { projectId, resourceId: RESOURCE, title: "Étude de programmation", why: "Avant tout travaux", contactText: "DDT 63", deadline: "2026-06-30" } },
      t.julien,
    );
    expect(draft.data!.recommend.version).toBe(1);
    id = draft.data!.recommend.id;
  });
  afterAll(() => hub.stop());

  it("lets its author edit a draft, version by version, as an internal activity", async () => {
    const edited = await hub.query<Updated>(
      UPDATE,
      {
        id,
        version: 1,
        input: { title: "Étude de programmation de la halle", whatToDo: "Consulter trois bureaux d'études", contactText: null, deadline: "2026-09-30", priority: "HIGH", resourceId: null },
      },
      t.julien,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateRecommendation).toEqual({
      id,
      version: 2,
      title: "Étude de programmation de la halle",
      why: "Avant tout travaux",
      whatToDo: "Consulter trois bureaux d'études",
      contactText: null,
      deadline: "2026-09-30",
      priority: "HIGH",
      resource: null,
      viewerCanEdit: true,
    });
    // Someone who read version 1 is told to reload.
    expect(codes(await hub.query(UPDATE, { id, version: 1, input: { why: "Plus tard" } }, t.amelie))).toEqual(["CONFLICT"]);
    const [activity] = await hub.sql<{ internal: boolean; payload: { fields: string[] } }>(
      "projects",
      "SELECT internal, payload FROM activity WHERE project_id = $1 AND kind = 'RECOMMENDATION_UPDATED'",
      [projectId],
    );
    expect(activity.internal).toBe(true);
    expect(activity.payload.fields).toEqual(["title", "whatToDo", "resourceId", "contactText", "deadline", "priority"]);
  });

  it("refuses bad input and the wrong people, each with its code", async () => {
    const input = { why: "Autre raison" };
    // The collectivité holds no right to write recommendations (as with publishRecommendation).
    expect(codes(await hub.query(UPDATE, { id, version: 2, input }, t.camille))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(DELETE, { id }, t.camille))).toEqual(["FORBIDDEN"]);
    // The collectivité does not see a draft.
    expect(codes(await hub.query(`query($id: ID!) { recommendation(id: $id) { id } }`, { id }, t.camille))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(UPDATE, { id, version: 2, input }, t.louis))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(UPDATE, { id, version: 2, input }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await hub.query(UPDATE, { id, version: 2, input: { title: " " } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(UPDATE, { id, version: 2, input: { deadline: "2026-13-01" } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(UPDATE, { id, version: 2, input: { contactId: "nope" } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    // Nothing that differs from what is stored.
    expect(codes(await hub.query(UPDATE, { id, version: 2, input: { priority: "HIGH" } }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(UPDATE, { id: "7d1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f", version: 1, input }, t.julien))).toEqual(["NOT_FOUND"]);
    const [row] = await hub.sql<{ version: number; why: string }>("projects", "SELECT version, why FROM recommendation WHERE id = $1", [id]);
    expect(row).toEqual({ version: 2, why: "Avant tout travaux" });
  });

  it("once published: the collectivité may not edit it; the State side edits and deletes it live, keeping follow-ups and journal", async () => {
    await hub.query(`mutation($id: ID!) { publishRecommendation(id: $id) { id } }`, { id }, t.julien);
    await hub.query(`mutation($id: ID!) { followUpRecommendation(id: $id, status: IN_PROGRESS, comment: "Consultation lancée") { id } }`, { id }, t.camille);
    const seen = await hub.query<{ recommendation: { version: number; viewerCanEdit: boolean } }>(`query($id: ID!) { recommendation(id: $id) { version viewerCanEdit } }`, { id }, t.camille);
    expect(seen.data!.recommendation).toEqual({ version: 4, viewerCanEdit: false });
    expect(codes(await hub.query(UPDATE, { id, version: 4, input: { why: "Je préfère" } }, t.camille))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(DELETE, { id }, t.camille))).toEqual(["FORBIDDEN"]);

    const [{ latest }] = await hub.sql<{ latest: string }>("projects", "SELECT max(id)::text AS latest FROM activity");
    const live = wsOperation(
      hub.gatewayUrl,
      `subscription($id: ID, $after: String) { projectActivity(projectId: $id, after: $after) { kind summary details { ... on RecommendationDetails { fields } } } }`,
      { id: projectId, after: latest },
      t.camille,
      2,
    );
    // Nadia (ANCT) is of the State side without being its author.
    const edited = await hub.query<Updated>(UPDATE, { id, version: 4, input: { why: "Avant tout travaux, pour chiffrer" } }, t.nadia);
    expect(edited.data!.updateRecommendation.version).toBe(5);
    const deleted = await hub.query<{ deleteRecommendation: { id: string; recommendations: { totalCount: number } } }>(DELETE, { id }, t.nadia);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteRecommendation).toEqual({ id: projectId, recommendations: { totalCount: 0 } });
    const outcome = await live;
    expect(outcome.errors).toBeNull();
    expect(outcome.results.map((r) => (r.data as { projectActivity: unknown }).projectActivity)).toEqual([
      { kind: "RECOMMENDATION_UPDATED", summary: "Recommandation « Étude de programmation de la halle » modifiée", details: { fields: ["why"] } },
      { kind: "RECOMMENDATION_DELETED", summary: "Recommandation « Étude de programmation de la halle » supprimée", details: { fields: null } },
    ]);

    expect(codes(await hub.query(`query($id: ID!) { recommendation(id: $id) { id } }`, { id }, t.julien))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(DELETE, { id }, t.julien))).toEqual(["NOT_FOUND"]);
    expect(
      (await hub.query<{ project: { recommendations: { totalCount: number } } }>(`query($id: ID!) { project(id: $id) { recommendations { totalCount } } }`, { id: projectId }, t.julien)).data!.project
        .recommendations.totalCount,
    ).toBe(0);
    // A soft delete: the row, its follow-up and the journal stay.
    const [kept] = await hub.sql<{ deleted: boolean; follow_ups: number }>(
      "projects",
      "SELECT deleted_at IS NOT NULL AS deleted, (SELECT count(*)::int FROM recommendation_follow_up WHERE recommendation_id = $1) AS follow_ups FROM recommendation WHERE id = $1",
      [id],
    );
    expect(kept).toEqual({ deleted: true, follow_ups: 1 });
    const kinds = await hub.sql<{ kind: string; internal: boolean }>("projects", "SELECT kind, internal FROM activity WHERE project_id = $1 AND kind LIKE 'RECOMMENDATION_%' ORDER BY id", [projectId]);
    expect(kinds.map((k) => `${k.kind}${k.internal ? " (internal)" : ""}`)).toEqual([
      "RECOMMENDATION_CREATED (internal)",
      "RECOMMENDATION_UPDATED (internal)",
      "RECOMMENDATION_PUBLISHED",
      "RECOMMENDATION_FOLLOWED_UP",
      "RECOMMENDATION_UPDATED",
      "RECOMMENDATION_DELETED",
    ]);
  });

  it("refuses any change once the project is abandoned", async () => {
    const other = await hub.query<{ recommend: { id: string } }>(RECOMMEND, { input: { projectId, title: "Appel à projets régional", publish: true } }, t.julien);
    const otherId = other.data!.recommend.id;
    const abandoned = await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: ABANDON, reason: "Projet reporté" }) { status } }`, { id: projectId }, t.camille);
    expect(abandoned.errors).toBeUndefined();
    expect(codes(await hub.query(UPDATE, { id: otherId, version: 1, input: { why: "Trop tard" } }, t.julien))).toEqual(["CONFLICT"]);
    expect(codes(await hub.query(DELETE, { id: otherId }, t.julien))).toEqual(["CONFLICT"]);
    const can = await hub.query<{ recommendation: { viewerCanEdit: boolean } }>(`query($id: ID!) { recommendation(id: $id) { viewerCanEdit } }`, { id: otherId }, t.julien);
    expect(can.data!.recommendation.viewerCanEdit).toBe(false);
  });
});
