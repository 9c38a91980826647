import { scanReminders } from "@hub/projects";
import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const WEEK = 7 * 24 * 3600 * 1000;
const weeksFromNow = (weeks: number) => new Date(Date.now() + weeks * WEEK);

describe('"Où en êtes-vous ?" reminders and inactive projects', () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  const scan = (now: Date, defaultWeeks = 6) => scanReminders(hub.subgraphs.projects.database.dataSource, { now, defaultWeeks });
  const reminders = () =>
    hub.sql<{ payload: { weeksWithoutActivity: number; openRecommendations: { title: string }[] } }>(
      "projects",
      "SELECT payload FROM activity WHERE project_id = $1 AND kind = 'REMINDER_DUE' ORDER BY id",
      [projectId],
    );

  beforeAll(async () => {
    hub = await startHub({ notifications: true });
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Halle gourmande", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
    await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: projectId }, t.camille);
    const published = await hub.query(
      `mutation($id: ID!) { recommend(input: { projectId: $id, title: "Visiter la halle de Riom", deadline: "2027-01-15", publish: true }) { id } }`,
      { id: projectId },
      t.julien,
    );
    expect(published.errors).toBeUndefined();
    await hub.query(`mutation($id: ID!) { recommend(input: { projectId: $id, title: "Brouillon de l'État" }) { id } }`, { id: projectId }, t.julien);
  });
  afterAll(() => hub.stop());

  it("reminds the collectivité once per period of silence, by e-mail, listing its open recommendations", async () => {
    expect(await scan(weeksFromNow(5))).toEqual({ reminded: 0, flagged: 0 });
    expect(await scan(weeksFromNow(7))).toEqual({ reminded: 1, flagged: 0 });
    // The same period again, as another replica would: nothing more.
    expect(await Promise.all([scan(weeksFromNow(7)), scan(weeksFromNow(8))])).toEqual([
      { reminded: 0, flagged: 0 },
      { reminded: 0, flagged: 0 },
    ]);
    const [email] = await hub.mail.waitFor(1, (m) => m.to.includes(CAMILLE) && m.subject.startsWith("Où en êtes-vous ?"));
    expect(email.subject).toBe("Où en êtes-vous ? Halle gourmande");
    expect(email.text).toContain("depuis 7 semaines");
    expect(email.text).toContain("La recommandation en cours :\n  – Visiter la halle de Riom (proposée, échéance le 15/01/2027)");
    expect(email.text).not.toContain("Brouillon");
    // To the collectivité only.
    expect(hub.mail.messages().filter((m) => m.subject.startsWith("Où en êtes-vous ?") && !m.to.includes(CAMILLE))).toEqual([]);
    expect(await scan(weeksFromNow(12))).toEqual({ reminded: 1, flagged: 0 });
    expect((await reminders()).map((r) => r.payload.weeksWithoutActivity)).toEqual([7, 12]);
    const journal = await hub.query<{ project: { activity: { edges: { node: { kind: string; details: { openRecommendations: { title: string }[] } | null } }[] } } }>(
      `query($id: ID!) { project(id: $id) { activity(first: 50) { edges { node { kind details { ... on ReminderDetails { openRecommendations { title } } } } } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(journal.data!.project.activity.edges.filter((e) => e.node.kind === "REMINDER_DUE").map((e) => e.node.details)).toEqual([
      { openRecommendations: [{ title: "Visiter la halle de Riom" }] },
      { openRecommendations: [{ title: "Visiter la halle de Riom" }] },
    ]);
  });

  it("takes the weeks its département sets, set by its State agents or ANCT only", async () => {
    const set = (who: string, territoryId: string, weeks: number | null) =>
      hub.query<{ setReminderWeeks: number }>(`mutation($t: ID!, $w: Int) { setReminderWeeks(territoryId: $t, weeks: $w) }`, { t: territoryId, w: weeks }, t[who]);
    expect(codes(await set("camille", "DEPARTEMENT:63", 2))).toEqual(["FORBIDDEN"]);
    expect(codes(await set("julien", "DEPARTEMENT:75", 2))).toEqual(["FORBIDDEN"]);
    expect(codes(await set("julien", "COMMUNE:63113", 2))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await set("julien", "DEPARTEMENT:63", 0))).toEqual(["BAD_USER_INPUT"]);
    expect((await set("nadia", "DEPARTEMENT:75", 3)).data!.setReminderWeeks).toBe(3);
    expect((await set("julien", "DEPARTEMENT:63", 2)).data!.setReminderWeeks).toBe(2);
    expect((await hub.query<{ reminderWeeks: number }>(`{ reminderWeeks(territoryId: "DEPARTEMENT:63") }`, {}, t.camille)).data!.reminderWeeks).toBe(2);
    // New activity starts the silence again; two weeks later, the département's delay, a reminder.
    await hub.query(`mutation($id: ID!) { addComment(projectId: $id, body: "Nous avançons") { id } }`, { id: projectId }, t.camille);
    expect(await scan(weeksFromNow(1))).toEqual({ reminded: 0, flagged: 0 });
    expect(await scan(weeksFromNow(2))).toEqual({ reminded: 1, flagged: 0 });
    expect((await set("julien", "DEPARTEMENT:63", null)).data!.setReminderWeeks).toBe(6);
  });

  it("flags a project quiet for a year inactive, and new activity reactivates it", async () => {
    const inactive = async () =>
      (await hub.query<{ project: { inactive: { reason: string; since: string } | null } }>(`query($id: ID!) { project(id: $id) { inactive { reason since } } }`, { id: projectId }, t.camille)).data!
        .project.inactive;
    expect(await inactive()).toBeNull();
    const before = (await reminders()).length;
    expect(await scan(weeksFromNow(53))).toEqual({ reminded: 0, flagged: 1 });
    expect(await scan(weeksFromNow(60))).toEqual({ reminded: 0, flagged: 0 });
    expect((await reminders()).length).toBe(before);
    expect(await inactive()).toMatchObject({ reason: "Aucune activité depuis un an" });

    await hub.query(`mutation($id: ID!) { addComment(projectId: $id, body: "Le projet repart") { id } }`, { id: projectId }, t.camille);
    expect(await inactive()).toBeNull();

    // By hand, with a reason: the State of its département only.
    const mark = (who: string, reason: string) =>
      hub.query(`mutation($id: ID!, $r: String!) { markProjectInactive(id: $id, reason: $r) { inactive { reason } } }`, { id: projectId, r: reason }, t[who]);
    expect(codes(await mark("camille", "En pause"))).toEqual(["FORBIDDEN"]);
    expect(codes(await mark("julien", " "))).toEqual(["BAD_USER_INPUT"]);
    expect((await mark("julien", "En attente des élections")).data).toEqual({ markProjectInactive: { inactive: { reason: "En attente des élections" } } });
    expect(codes(await mark("julien", "Encore"))).toEqual(["CONFLICT"]);
    const [row] = await hub.sql<{ inactive_reason: string }>("projects", "SELECT inactive_reason FROM project WHERE id = $1", [projectId]);
    expect(row.inactive_reason).toBe("En attente des élections");
    // Inactive projects get no reminders; a follow-up by the collectivité reactivates it.
    expect(await scan(weeksFromNow(8))).toEqual({ reminded: 0, flagged: 0 });
    const [recommendation] = await hub.sql<{ id: string }>("projects", "SELECT id FROM recommendation WHERE project_id = $1 AND visibility = 'PUBLISHED'", [projectId]);
    await hub.query(`mutation($id: ID!) { followUpRecommendation(id: $id, status: DONE, comment: "Visite faite") { status } }`, { id: recommendation.id }, t.camille);
    expect(await inactive()).toBeNull();
  });
});
