import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const SUGGESTED = `query($id: ID!) { project(id: $id) {
  suggestedResources { resource { id } }
  discardedSuggestions { id reason restoredAt resource { id } }
  history: discardedSuggestions(history: true) { id reason discardedAt restoredAt discardedBy { id } restoredBy { id } resource { id } }
} }`;
const DISCARD = `mutation($p: ID!, $r: ID!, $reason: String) { discardSuggestion(projectId: $p, resourceId: $r, reason: $reason) { id reason restoredAt } }`;
const RESTORE = `mutation($p: ID!, $r: ID!) { restoreSuggestion(projectId: $p, resourceId: $r) { id reason discardedAt restoredAt restoredBy { id } resource { id } } }`;

type Discard = { id: string; reason: string; discardedAt: string; restoredAt: string | null; discardedBy: { id: string } | null; restoredBy: { id: string } | null; resource: { id: string } };
type Suggested = { project: { suggestedResources: { resource: { id: string } }[] | null; discardedSuggestions: Discard[] | null; history: Discard[] | null } };

/** A discarded suggestion restored (restoreSuggestion), through the gateway: the history keeps the discard with who restored it and when. */
describe("restoring a discarded suggestion, through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  let resourceId: string;
  let otherResourceId: string;
  let julienId: string;

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Chaufferie bois de la mairie", territoryId: "COMMUNE:63113", themes: ["energies-dechets"] }) { id } }`,
      {},
      t.camille,
    );
    projectId = created.data!.createProject.id;
    await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: projectId }, t.camille);
    const sheet = async (title: string) => {
      const result = await hub.query<{ createResource: { id: string } }>(
        `mutation($input: ResourceInput!) { createResource(input: $input) { id } }`,
        { input: { title, summary: "Une fiche de test.", body: "Le corps.", kind: "GUIDE", status: "PUBLISHED", themes: ["energies-dechets"] } },
        t.nadia,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.createResource.id;
    };
    resourceId = await sheet("Conseil en énergie partagé");
    otherResourceId = await sheet("Fonds chaleur");
    const rule = await hub.query(
      `mutation($input: SuggestionRuleInput!) { createSuggestionRule(input: $input) { id } }`,
      { input: { name: "Énergie", themes: ["energies-dechets"], resourceIds: [resourceId] } },
      t.nadia,
    );
    expect(rule.errors).toBeUndefined();
    [{ id: julienId }] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [JULIEN]);
  });
  afterAll(() => hub.stop());

  const read = async () => {
    const result = await hub.query<Suggested>(SUGGESTED, { id: projectId }, t.julien);
    expect(result.errors).toBeUndefined();
    return result.data!.project;
  };

  it("suggests the resource again once restored, and keeps the discard in the history", async () => {
    expect((await read()).suggestedResources!.map((s) => s.resource.id)).toEqual([resourceId]);
    const discarded = await hub.query<{ discardSuggestion: Discard }>(DISCARD, { p: projectId, r: resourceId, reason: "Déjà suivie par le SIEG" }, t.julien);
    expect(discarded.errors).toBeUndefined();
    expect(discarded.data!.discardSuggestion).toMatchObject({ reason: "Déjà suivie par le SIEG", restoredAt: null });
    expect((await read()).suggestedResources).toEqual([]);

    const restored = await hub.query<{ restoreSuggestion: Discard }>(RESTORE, { p: projectId, r: resourceId }, t.julien);
    expect(restored.errors).toBeUndefined();
    expect(restored.data!.restoreSuggestion).toMatchObject({
      id: discarded.data!.discardSuggestion.id,
      reason: "Déjà suivie par le SIEG",
      restoredBy: { id: julienId },
      resource: { id: resourceId },
    });
    expect(restored.data!.restoreSuggestion.restoredAt).not.toBeNull();

    const after = await read();
    expect(after.suggestedResources!.map((s) => s.resource.id)).toEqual([resourceId]);
    expect(after.discardedSuggestions).toEqual([]);
    expect(after.history).toHaveLength(1);
    expect(after.history![0]).toMatchObject({ reason: "Déjà suivie par le SIEG", discardedBy: { id: julienId }, restoredBy: { id: julienId }, resource: { id: resourceId } });
    expect(Date.parse(after.history![0].restoredAt!)).toBeGreaterThanOrEqual(Date.parse(after.history![0].discardedAt));
  });

  it("refuses a restore twice, of what was never discarded, of a bad id, and from the collectivité", async () => {
    expect(codes(await hub.query(RESTORE, { p: projectId, r: resourceId }, t.julien))).toEqual(["CONFLICT"]);
    expect(codes(await hub.query(RESTORE, { p: projectId, r: otherResourceId }, t.julien))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(RESTORE, { p: projectId, r: "nope" }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(RESTORE, { p: "nope", r: resourceId }, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(RESTORE, { p: "00000000-0000-4000-8000-000000000000", r: resourceId }, t.julien))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(RESTORE, { p: projectId, r: resourceId }, t.camille))).toEqual(["FORBIDDEN"]);
    const camille = await hub.query<Suggested>(SUGGESTED, { id: projectId }, t.camille);
    expect(camille.data!.project.history).toBeNull();
  });

  it("may discard it again: a second row of history, one discard in force", async () => {
    const again = await hub.query<{ discardSuggestion: Discard }>(DISCARD, { p: projectId, r: resourceId, reason: "Finalement non" }, t.julien);
    expect(again.errors).toBeUndefined();
    expect(codes(await hub.query(DISCARD, { p: projectId, r: resourceId }, t.julien))).toEqual(["CONFLICT"]);
    const after = await read();
    expect(after.suggestedResources).toEqual([]);
    expect(after.discardedSuggestions!.map((d) => [d.reason, d.restoredAt])).toEqual([["Finalement non", null]]);
    expect(after.history!.map((d) => [d.reason, d.restoredAt === null])).toEqual([
      ["Déjà suivie par le SIEG", false],
      ["Finalement non", true],
    ]);
    const rows = await hub.sql<{ restored_by: string | null }>("funding", "SELECT restored_by FROM suggestion_discard WHERE project_id = $1 ORDER BY discarded_at", [projectId]);
    expect(rows).toEqual([{ restored_by: julienId }, { restored_by: null }]);
  });
});
