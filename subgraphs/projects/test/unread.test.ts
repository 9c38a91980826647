import { CAMILLE, codes, JULIEN, SOPHIE, startHub, type Hub } from "@hub/testing";

const PROGRAMME_SCOPES = ["projects:read"];

describe("unread counts: markProjectRead, Project.unreadCount, inboxUnreadCount", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, sophie: SOPHIE })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Maison de santé", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  const unread = async (who: string) => {
    const response = await hub.query<{ project: { unreadCount: number | null } }>(`query($id: ID!) { project(id: $id) { unreadCount } }`, { id: projectId }, t[who]);
    expect(response.errors).toBeUndefined();
    return response.data!.project.unreadCount;
  };
  const inboxUnread = async (who: string) => {
    const response = await hub.query<{ inboxUnreadCount: number }>(`{ inboxUnreadCount }`, {}, t[who]);
    expect(response.errors).toBeUndefined();
    return response.data!.inboxUnreadCount;
  };
  const markRead = (who: string) =>
    hub.query<{ markProjectRead: { id: string; unreadCount: number } }>(`mutation($id: ID!) { markProjectRead(projectId: $id) { id unreadCount } }`, { id: projectId }, t[who]);
  const comment = (who: string, body: string, internal = false) =>
    hub.query(`mutation($id: ID!, $body: String!, $internal: Boolean) { addComment(projectId: $id, body: $body, internal: $internal) { id } }`, { id: projectId, body, internal }, t[who]);

  it("counts the journal since the last read, never the reader's own activity", async () => {
    // Camille created it: her own activity is not unread for her.
    expect(await unread("camille")).toBe(0);
    const before = await inboxUnread("julien");
    await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, transition: "SUBMIT" } }, t.camille);
    // Julien never opened it: created + submitted are unread, and the inbox has one more unread project.
    expect(await unread("julien")).toBe(2);
    expect(await inboxUnread("julien")).toBe(before + 1);

    const marked = await markRead("julien");
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markProjectRead).toEqual({ id: projectId, unreadCount: 0 });
    expect(await inboxUnread("julien")).toBe(before);
    const [mark] = await hub.sql<{ last: string }>("projects", "SELECT r.last_activity_id::text AS last FROM project_read r WHERE r.project_id = $1", [projectId]);
    const [newest] = await hub.sql<{ id: string }>("projects", "SELECT max(id)::text AS id FROM activity WHERE project_id = $1", [projectId]);
    expect(mark.last).toBe(newest.id);

    await comment("camille", "Bonjour, voici notre projet.");
    await comment("julien", "Merci, nous regardons.");
    expect(await unread("julien")).toBe(1);
    expect(await inboxUnread("julien")).toBe(before + 1);
    // Sophie (préfecture, same département) has her own marks.
    expect(await unread("sophie")).toBe(4);
  });

  it("hides internal notes from the count of those who may not read them", async () => {
    await markRead("camille");
    await comment("julien", "Note pour la préfecture", true);
    expect(await unread("camille")).toBe(0);
    expect(await unread("sophie")).toBe(5);
  });

  it("refuses marks on what the reader may not see, and gives no count to programmes", async () => {
    const draft = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Brouillon", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    const draftId = draft.data!.createProject.id;
    expect(codes(await hub.query(`mutation($id: ID!) { markProjectRead(projectId: $id) { id } }`, { id: draftId }, t.julien))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(`mutation { markProjectRead(projectId: "nope") { id } }`, {}, t.julien))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(`mutation($id: ID!) { markProjectRead(projectId: $id) { id } }`, { id: projectId }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await hub.query(`{ inboxUnreadCount }`, {}, t.camille))).toEqual(["FORBIDDEN"]);

    const nadia = await hub.token("nadia.petit@anct.demo");
    const key = await hub.query<{ createApiKey: { key: string } }>(`mutation($s: [String!]!) { createApiKey(input: { name: "Programme test", scopes: $s }) { key } }`, { s: PROGRAMME_SCOPES }, nadia);
    const programme = key.data!.createApiKey.key;
    const read = await hub.query<{ project: { unreadCount: number | null } }>(`query($id: ID!) { project(id: $id) { unreadCount } }`, { id: projectId }, programme);
    expect(read.errors).toBeUndefined();
    expect(read.data!.project.unreadCount).toBeNull();
    expect(codes(await hub.query(`mutation($id: ID!) { markProjectRead(projectId: $id) { id } }`, { id: projectId }, programme))).toEqual(["FORBIDDEN"]);
  });
});
