import { consumeJournal } from "@hub/people-territories";
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { CAMILLE, codes, JULIEN, PUBLIC_URL, SOPHIE, startHub, type Hub } from "@hub/testing";

/** E-mail notifications: the projects journal → the outbox in people-territories → the SMTP stand-in. */
describe("notifications by e-mail", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  let sophieId: string;
  beforeAll(async () => {
    hub = await startHub({ notifications: true });
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, sophie: SOPHIE })) t[name] = await hub.token(email);
    [{ id: sophieId }] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [SOPHIE]);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Voie verte des Dômes", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  const step = (who: string, input: Record<string, unknown>) => hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, ...input } }, t[who]);
  const comment = (who: string, body: string, internal = false) =>
    hub.query(`mutation($id: ID!, $b: String!, $internal: Boolean) { addComment(projectId: $id, body: $b, internal: $internal) { id } }`, { id: projectId, b: body, internal }, t[who]);
  const to = (email: string, subject: string) => (m: { to: string[]; subject: string }) => m.to.includes(email) && m.subject.startsWith(subject);
  const rows = (email: string) =>
    hub.sql<{ event: string; status: string; digest: boolean; attempts: number }>(
      "people-territories",
      "SELECT n.event, n.status, n.digest, n.attempts FROM notification n JOIN person p ON p.id = n.person_id WHERE p.email = $1 AND n.project_id = $2 ORDER BY n.id",
      [email, projectId],
    );

  it("tells the State agents of the département of a submission, in French, with a link to the fiche", async () => {
    expect((await step("camille", { transition: "SUBMIT" })).errors).toBeUndefined();
    const [julien] = await hub.mail.waitFor(1, to(JULIEN, "Nouveau projet déposé"));
    const [sophie] = await hub.mail.waitFor(1, to(SOPHIE, "Nouveau projet déposé"));
    expect(julien.subject).toBe("Nouveau projet déposé : Voie verte des Dômes");
    expect(julien.text).toContain("Bonjour Julien,");
    expect(julien.text).toContain("Le projet « Voie verte des Dômes » a été déposé par sa collectivité");
    expect(julien.text).toContain(`${PUBLIC_URL}/#/projets/${projectId}`);
    expect(julien.from).toBe("notifications@hub.test");
    expect(sophie.messageId).not.toBe(julien.messageId);
    // Its author is not told, and each agent gets it once.
    expect(hub.mail.messages().filter((m) => m.to.includes(CAMILLE))).toEqual([]);
    // Marked SENT in the transaction that sent it, committed just after the SMTP answer.
    await waitUntil(async () => (await rows(JULIEN)).every((r) => r.status === "SENT"));
    expect(await rows(JULIEN)).toEqual([{ event: "SUBMITTED", status: "SENT", digest: false, attempts: 1 }]);
  });

  it("tells the assignee of an assignment, and the participants of a message (never its author)", async () => {
    await step("julien", { transition: "QUALIFY", priority: "HIGH" });
    await step("julien", { transition: "ASSIGN", assignees: [{ personId: sophieId, theme: "mobilite" }] });
    const [assigned] = await hub.mail.waitFor(1, to(SOPHIE, "Un projet vous est attribué"));
    expect(assigned.text).toContain("Le projet « Voie verte des Dômes » vous a été attribué.");

    await comment("camille", "Nous avons le tracé définitif.");
    await hub.mail.waitFor(1, to(SOPHIE, "Nouveau message"));
    await comment("sophie", "Merci, je le transmets.");
    const [toCamille] = await hub.mail.waitFor(1, to(CAMILLE, "Nouveau message"));
    expect(toCamille.text).toContain("Bonjour Camille,");
    // The message's body stays in the hub; the e-mail says where to read it.
    expect(toCamille.text).not.toContain("je le transmets");
    // Julien is neither a participant nor its author: no message e-mail.
    expect(hub.mail.messages().filter(to(JULIEN, "Nouveau message"))).toEqual([]);
    // An internal note goes to the State's participants only.
    await comment("julien", "Dossier prioritaire pour la DSIL.", true);
    await hub.mail.waitFor(1, to(SOPHIE, "Nouvelle note interne"));
    await comment("sophie", "Vu.");
    await hub.mail.waitFor(2, to(CAMILLE, "Nouveau message"));
    expect(hub.mail.messages().filter(to(CAMILLE, "Nouvelle note interne"))).toEqual([]);
  });

  it("lets each person choose a daily digest, sent once with the day's events", async () => {
    const me = await hub.query<{ setNotificationFrequency: { notificationFrequency: string } }>(
      `mutation { setNotificationFrequency(frequency: DAILY_DIGEST) { notificationFrequency } }`,
      {},
      t.camille,
    );
    expect(me.data!.setNotificationFrequency.notificationFrequency).toBe("DAILY_DIGEST");
    const before = hub.mail.messages().filter((m) => m.to.includes(CAMILLE)).length;
    await comment("sophie", "Une réunion le 12 ?");
    await comment("sophie", "Ou le 14.");
    await waitUntil(async () => (await rows(CAMILLE)).filter((r) => r.digest).length === 2);
    const [{ due }] = await hub.sql<{ due: Date }>("people-territories", "SELECT min(due_at) AS due FROM notification WHERE digest AND status = 'PENDING'");
    expect(new Date(due).getUTCHours()).toBe(6);
    expect(new Date(due).getTime()).toBeGreaterThan(Date.now());
    expect(hub.mail.messages().filter((m) => m.to.includes(CAMILLE))).toHaveLength(before);

    // The digest's hour comes.
    await hub.sql("people-territories", "UPDATE notification SET due_at = now() WHERE digest AND status = 'PENDING'");
    const [digest] = await hub.mail.waitFor(1, to(CAMILLE, "Votre résumé quotidien"));
    expect(digest.subject).toBe("Votre résumé quotidien : 2 nouveautés sur vos projets");
    expect(digest.text.match(/Un nouveau message a été écrit/g)).toHaveLength(2);
    await waitUntil(async () => (await rows(CAMILLE)).filter((r) => r.digest && r.status === "SENT").length === 2);
    expect(hub.mail.messages().filter(to(CAMILLE, "Votre résumé quotidien"))).toHaveLength(1);
    await hub.query(`mutation { setNotificationFrequency(frequency: IMMEDIATE) { id } }`, {}, t.camille);
  });

  it("retries a delivery the SMTP server refused, and loses nothing while people-territories is down", async () => {
    hub.mail.refuseNext(1);
    await comment("camille", "Le devis est arrivé.");
    await waitUntil(async () => (await rows(SOPHIE)).some((r) => r.attempts === 1 && r.status === "PENDING"));
    // Its backoff (30 s) elapses.
    await hub.sql("people-territories", "UPDATE notification SET due_at = now() WHERE status = 'PENDING'");
    await hub.mail.waitFor(2, to(SOPHIE, "Nouveau message"));

    await hub.stopSubgraph("people-territories");
    await comment("camille", "Et la subvention aussi.");
    await hub.startSubgraph("people-territories");
    const received = await hub.mail.waitFor(3, to(SOPHIE, "Nouveau message"));
    expect(received).toHaveLength(3);
    // Exactly once each: no message id twice, no row left behind.
    const ids = hub.mail.messages().map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    await waitUntil(async () => (await rows(SOPHIE)).every((r) => r.status === "SENT"));
  });

  it("enqueues nothing twice when the journal is replayed, even by two replicas at once", async () => {
    const count = async () => (await hub.sql<{ n: number }>("people-territories", "SELECT count(*)::int AS n FROM notification"))[0].n;
    const before = await count();
    expect(before).toBeGreaterThan(10);
    // A crash before the offset was stored: the whole journal is read again, by two consumers at once.
    await hub.sql("people-territories", "UPDATE journal_offset SET last_id = 0");
    const options = { projectsUrl: hub.subgraphs.projects.url, secret: DEV_INTERNAL_SECRET, publicUrl: PUBLIC_URL, digestHour: 6, pageSize: 3 };
    const dataSource = hub.subgraphs["people-territories"].database.dataSource;
    const enqueued = await Promise.all([consumeJournal(dataSource, options), consumeJournal(dataSource, options)]);
    expect(enqueued).toEqual([0, 0]);
    expect(await count()).toBe(before);
    const [{ last }] = await hub.sql<{ last: string }>("people-territories", "SELECT last_id::text AS last FROM journal_offset");
    expect(Number(last)).toBeGreaterThan(0);
  });

  it("shows the frequency to the person alone, and refuses it to anonymous callers", async () => {
    const own = await hub.query<{ me: { notificationFrequency: string } }>(`{ me { notificationFrequency } }`, {}, t.sophie);
    expect(own.data!.me.notificationFrequency).toBe("IMMEDIATE");
    const other = await hub.query<{ person: { notificationFrequency: string | null } }>(`query($id: ID!) { person(id: $id) { notificationFrequency } }`, { id: sophieId }, t.julien);
    expect(other.data!.person.notificationFrequency).toBeNull();
    expect(codes(await hub.query(`mutation { setNotificationFrequency(frequency: DAILY_DIGEST) { id } }`))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await hub.query(`mutation { setNotificationFrequency(frequency: WEEKLY) { id } }`, {}, t.sophie))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
