import { DEV_INTERNAL_SECRET, INTERNAL_TOKEN_HEADER, SERVICE_VIEWER, signInternalToken } from "@hub/kit";
import { CAMILLE, codes, JULIEN, NADIA, SOPHIE, startHub, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";
const LEA = "lea.roux@cerema.demo";

const STEP = `mutation Step($input: TransitionInput!) { changeProjectStatus(input: $input) { status priority statusReason version } }`;

describe("a project's life through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  let julienId: string;
  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, sophie: SOPHIE, nadia: NADIA, louis: LOUIS, lea: LEA })) t[name] = await hub.token(email);
    const [row] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [JULIEN]);
    julienId = row.id;
  });
  afterAll(() => hub.stop());

  const see = async (who: string) => codes(await hub.query(`query($id: ID!) { project(id: $id) { id } }`, { id: projectId }, t[who]));
  const step = (who: string, input: Record<string, unknown>) =>
    hub.query<{ changeProjectStatus: { status: string; priority: string | null; statusReason: string | null } }>(STEP, { input: { projectId, ...input } }, t[who]);

  it("keeps a draft to its collectivité, then shows it to the State of its département once submitted", async () => {
    const created = await hub.query<{ createProject: { id: string; status: string; version: number } }>(
      `mutation { createProject(input: { title: "Réseau de chaleur", territoryId: "COMMUNE:63113", themes: ["energies-dechets"], programmes: ["CRTE"], phase: ETUDE, budgetEuros: 1200000 }) { id status version } }`,
      {},
      t.camille,
    );
    expect(created.errors).toBeUndefined();
    projectId = created.data!.createProject.id;
    expect(created.data!.createProject).toMatchObject({ status: "DRAFT", version: 1 });
    for (const who of ["julien", "sophie", "nadia", "louis", "lea"]) expect(await see(who)).toEqual(["NOT_FOUND"]);
    expect(await see("camille")).toEqual([]);

    expect(codes(await step("julien", { transition: "QUALIFY", priority: "HIGH" }))).toEqual(["NOT_FOUND"]);
    expect((await step("camille", { transition: "SUBMIT" })).data!.changeProjectStatus.status).toBe("SUBMITTED");
    for (const who of ["julien", "sophie", "nadia", "louis"]) expect(await see(who)).toEqual([]);
    expect(await see("lea")).toEqual(["NOT_FOUND"]);

    const inbox = await hub.query<{ inbox: { edges: { node: { id: string } }[] } }>(`{ inbox(first: 50, filter: { programme: "CRTE" }) { edges { node { id } } } }`, {}, t.julien);
    expect(inbox.data!.inbox.edges.map((e) => e.node.id)).toEqual([projectId]);
    expect(codes(await hub.query(`{ inbox { edges { node { id } } } }`, {}, t.camille))).toEqual(["FORBIDDEN"]);
  });

  it("lets only the right roles move it, one legal step at a time", async () => {
    expect(codes(await step("camille", { transition: "QUALIFY", priority: "HIGH" }))).toEqual(["FORBIDDEN"]);
    expect(codes(await step("julien", { transition: "QUALIFY" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await step("julien", { transition: "COMPLETE" }))).toEqual(["CONFLICT"]);
    expect((await step("julien", { transition: "QUALIFY", priority: "HIGH" })).data!.changeProjectStatus).toMatchObject({ status: "QUALIFIED", priority: "HIGH" });
    const assigned = await step("julien", { transition: "ASSIGN", assignees: [{ personId: julienId, theme: "energies-dechets" }] });
    expect(assigned.data!.changeProjectStatus.status).toBe("ASSIGNED");
    const fiche = await hub.query<{ project: { assignees: { theme: string; person: { name: string } }[] } }>(
      `query($id: ID!) { project(id: $id) { assignees { theme person { name } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(fiche.data!.project.assignees).toEqual([{ theme: "energies-dechets", person: { name: "Julien Bernard" } }]);
    const mine = await hub.query<{ me: { assignedProjects: { edges: { node: { id: string } }[] } } }>(`{ me { assignedProjects { edges { node { id } } } } }`, {}, t.julien);
    expect(mine.data!.me.assignedProjects.edges.map((e) => e.node.id)).toEqual([projectId]);
    const carried = await hub.query<{ organization: { projects: { edges: { node: { id: string } }[] } }; territory: { projects: { edges: { node: { id: string } }[] } } }>(
      `{ organization(id: "COLLECTIVITE:216301135") { projects { edges { node { id } } } } territory(id: "REGION:84") { projects { edges { node { id } } } } }`,
      {},
      t.julien,
    );
    expect(carried.data!.organization.projects.edges.map((e) => e.node.id)).toContain(projectId);
    expect(carried.data!.territory.projects.edges.map((e) => e.node.id)).toContain(projectId);
    expect((await step("camille", { transition: "START" })).data!.changeProjectStatus.status).toBe("IN_PROGRESS");
    expect(codes(await step("camille", { transition: "ABANDON" }))).toEqual(["BAD_USER_INPUT"]);
    expect((await step("sophie", { transition: "COMPLETE" })).data!.changeProjectStatus.status).toBe("COMPLETED");
    expect(codes(await step("camille", { transition: "ABANDON", reason: "Trop tard" }))).toEqual(["CONFLICT"]);
    const edit = await hub.query(`mutation($id: ID!) { updateProject(id: $id, version: 99, input: { title: "x" }) { id } }`, { id: projectId }, t.camille);
    expect(codes(edit)).toEqual(["CONFLICT"]);
  });

  it("records every change in the journal, in order, each with a French summary", async () => {
    const journal = await hub.query<{ project: { activity: { edges: { cursor: string; node: { kind: string; summary: string; actor: { name: string } | null } }[] } } }>(
      `query($id: ID!) { project(id: $id) { activity(first: 50) { edges { cursor node { kind summary actor { name } } } } } }`,
      { id: projectId },
      t.camille,
    );
    const edges = journal.data!.project.activity.edges;
    expect(edges.map((e) => e.node.kind)).toEqual(["PROJECT_CREATED", "STATUS_CHANGED", "STATUS_CHANGED", "ASSIGNED", "STATUS_CHANGED", "STATUS_CHANGED"]);
    expect(edges.map((e) => e.node.summary)).toEqual([
      "Projet « Réseau de chaleur » créé",
      "Projet « Réseau de chaleur » déposé",
      "Projet « Réseau de chaleur » qualifié",
      "Projet « Réseau de chaleur » attribué",
      "Projet « Réseau de chaleur » lancé",
      "Projet « Réseau de chaleur » terminé",
    ]);
    const cursors = edges.map((e) => BigInt(e.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
    expect(edges[2].node.actor).toEqual({ name: "Julien Bernard" });
    const typed = await hub.query<{ project: { activity: { edges: { node: { details: unknown } }[] } } }>(
      `query($id: ID!) { project(id: $id) { activity(first: 3) { edges { node { details { __typename ... on StatusChangeDetails { from to priority reason } } } } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(typed.data!.project.activity.edges.map((e) => e.node.details)).toEqual([
      null,
      { __typename: "StatusChangeDetails", from: "DRAFT", to: "SUBMITTED", priority: null, reason: null },
      { __typename: "StatusChangeDetails", from: "SUBMITTED", to: "QUALIFIED", priority: "HIGH", reason: null },
    ]);
  });

  it("gives CONFLICT to the second of two agents editing the same version, and writes nothing for it", async () => {
    const created = await hub.query<{ createProject: { id: string; version: number } }>(
      `mutation { createProject(input: { title: "Halle", territoryId: "COMMUNE:63113" }) { id version } }`,
      {},
      t.camille,
    );
    const id = created.data!.createProject.id;
    await step("camille", { projectId: id, transition: "SUBMIT" });
    const { data } = await hub.query<{ project: { version: number } }>(`query($id: ID!) { project(id: $id) { version } }`, { id }, t.julien);
    const version = data!.project.version;
    const edit = (who: string, title: string) =>
      hub.query(`mutation($id: ID!, $v: Int!, $t: String) { updateProject(id: $id, version: $v, input: { title: $t }) { title version } }`, { id, v: version, t: title }, t[who]);
    const [first, second] = [await edit("camille", "Halle couverte"), await edit("julien", "Halle du marché")];
    expect(first.errors).toBeUndefined();
    expect(codes(second)).toEqual(["CONFLICT"]);
    const [row] = await hub.sql<{ title: string; version: number }>("projects", "SELECT title, version FROM project WHERE id = $1", [id]);
    expect(row).toEqual({ title: "Halle couverte", version: version + 1 });
  });

  it("keeps internal notes to State agents, in the conversation and in the journal", async () => {
    await hub.query(`mutation($id: ID!) { addComment(projectId: $id, body: "Bonjour, le dossier est complet.") { id } }`, { id: projectId }, t.camille);
    const note = await hub.query(`mutation($id: ID!) { addComment(projectId: $id, body: "À prioriser au comité.", internal: true) { id } }`, { id: projectId }, t.julien);
    expect(note.errors).toBeUndefined();
    expect(codes(await hub.query(`mutation($id: ID!) { addComment(projectId: $id, body: "x", internal: true) { id } }`, { id: projectId }, t.camille))).toEqual(["FORBIDDEN"]);
    const read = (who: string) =>
      hub.query<{ project: { comments: { edges: { node: { body: string } }[] }; activity: { edges: { node: { summary: string } }[] } } }>(
        `query($id: ID!) { project(id: $id) { comments { edges { node { body } } } activity(first: 50) { edges { node { summary } } } } }`,
        { id: projectId },
        t[who],
      );
    const camille = await read("camille");
    expect(camille.data!.project.comments.edges.map((e) => e.node.body)).toEqual(["Bonjour, le dossier est complet."]);
    const julien = await read("julien");
    expect(julien.data!.project.comments.edges.map((e) => e.node.body)).toEqual(["Bonjour, le dossier est complet.", "À prioriser au comité."]);
    // The same journal, less the internal note's activity (and only it).
    const summaries = (response: typeof julien) => response.data!.project.activity.edges.map((e) => e.node.summary);
    const internal = summaries(julien).filter((summary) => summary.startsWith("Note interne"));
    expect(internal).toHaveLength(1);
    expect(summaries(camille)).toEqual(summaries(julien).filter((summary) => !internal.includes(summary)));
    expect(summaries(camille).length).toBeGreaterThan(1);
  });

  it("records another subgraph's event once per idempotency key", async () => {
    const record = () =>
      fetch(hub.subgraphs.projects.url, {
        method: "POST",
        headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, DEV_INTERNAL_SECRET) },
        body: JSON.stringify({
          query: `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id kind summary } }`,
          variables: { i: { projectId, summary: "Dossier de subvention préparé sur Démarches Simplifiées", idempotencyKey: "funding:event:42", payload: '{"procedure":123}' } },
        }),
      }).then((r) => r.json() as Promise<{ data: { recordActivity: { id: string; kind: string } } }>);
    const [a, b] = [await record(), await record()];
    expect(a.data.recordActivity.id).toBe(b.data.recordActivity.id);
    expect(a.data.recordActivity.kind).toBe("EXTERNAL");
    const [{ n }] = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM activity WHERE idempotency_key = 'funding:event:42'");
    expect(n).toBe(1);
    // Not part of the public graph.
    expect(codes(await hub.query(`mutation { recordActivity(input: { projectId: "${projectId}", summary: "x", idempotencyKey: "k" }) { id } }`, {}, t.nadia))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("reads a page of projects with their journal, conversation, assignees and actors in the same number of statements whatever its size", async () => {
    for (let i = 0; i < 6; i++) await hub.query(`mutation($t: String!) { createProject(input: { title: $t, territoryId: "COMMUNE:63113" }) { id } }`, { t: `Lot ${i}` }, t.camille);
    const query = `query($n: Int!) { projects(first: $n) { edges { node { id activity(first: 5) { edges { node { id } } } comments(first: 5) { edges { node { id } } } assignees { theme } actors { id } } } } }`;
    const statements = async (n: number) => {
      const counter = hub.subgraphs.projects.database.statements;
      const before = counter.count;
      const response = await hub.query<{ projects: { edges: unknown[] } }>(query, { n }, t.camille);
      expect(response.errors).toBeUndefined();
      expect(response.data!.projects.edges).toHaveLength(n);
      return counter.count - before;
    };
    const small = await statements(2);
    expect(await statements(8)).toBe(small);
    expect(small).toBeLessThanOrEqual(5);
  });

  it("pages through the whole inbox, by priority then age, without gaps or repeats", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = (
        await hub.query<{ createProject: { id: string } }>(`mutation($t: String!) { createProject(input: { title: $t, territoryId: "COMMUNE:63113" }) { id } }`, { t: `Dossier ${i}` }, t.camille)
      ).data!.createProject.id;
      await step("camille", { projectId: id, transition: "SUBMIT" });
      ids.push(id);
    }
    // Every priority, so that pages of two cross each rank (the cursor carries the rank).
    await step("julien", { projectId: ids[3], transition: "QUALIFY", priority: "HIGH" });
    await step("julien", { projectId: ids[0], transition: "QUALIFY", priority: "LOW" });
    await step("julien", { projectId: ids[2], transition: "QUALIFY", priority: "NORMAL" });
    // A project submitted before submission dates were recorded.
    await hub.sql("projects", "UPDATE project SET submitted_at = NULL WHERE id = $1", [ids[1]]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const response: { data?: { inbox: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } | null } = await hub.query(
        `query($after: String) { inbox(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        t.julien,
      );
      seen.push(...response.data!.inbox.edges.map((e) => e.node.id));
      if (!response.data!.inbox.pageInfo.hasNextPage) break;
      after = response.data!.inbox.pageInfo.endCursor;
    }
    const all = await hub.sql<{ id: string }>("projects", "SELECT id FROM project WHERE status IN ('SUBMITTED', 'QUALIFIED')");
    expect([...seen].sort()).toEqual(all.map((r) => r.id).sort());
    expect(new Set(seen).size).toBe(seen.length);
    // HIGH, NORMAL, LOW, then those without priority, oldest submission first.
    expect(seen.filter((id) => ids.includes(id))).toEqual([ids[3], ids[2], ids[0], ids[1], ids[4]]);
  });

  it("lets an EPCI carry a project on its own territory, seen by the State of its départements", async () => {
    const invited = await hub.query<{ invitePerson: { id: string } }>(
      `mutation { invitePerson(input: { email: "agent@clermontmetropole.demo", givenName: "Inès", usualName: "Morel", organizationId: "COLLECTIVITE:246300701" }) { id } }`,
      {},
      t.nadia,
    );
    expect(invited.errors).toBeUndefined();
    // As after a first ProConnect sign-in.
    await hub.sql("people-territories", "UPDATE person SET status = 'ACTIVE' WHERE email = $1", ["agent@clermontmetropole.demo"]);
    const epci = await hub.token("agent@clermontmetropole.demo");
    const created = await hub.query<{ createProject: { id: string; territory: { name: string } } }>(
      `mutation { createProject(input: { title: "Plan climat métropolitain", territoryId: "EPCI:246300701", themes: ["energies-dechets"] }) { id territory { name } } }`,
      {},
      epci,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createProject.territory).toEqual({ name: "Clermont Auvergne Métropole" });
    const funding = await hub.query<{ project: { fundingOpportunities: { edges: { node: { name: string } }[] } } }>(
      `query($id: ID!) { project(id: $id) { fundingOpportunities(first: 50) { edges { node { name } } } } }`,
      { id: created.data!.createProject.id },
      epci,
    );
    expect(funding.data!.project.fundingOpportunities.edges.map((e) => e.node.name)).toContain("ACTEE : audits et études énergétiques du patrimoine public");
    const id = created.data!.createProject.id;
    // The EPCI's agent cannot carry a project on a commune outside it, nor on another EPCI.
    expect(codes(await hub.query(`mutation { createProject(input: { title: "x", territoryId: "COMMUNE:75056" }) { id } }`, {}, epci))).toEqual(["FORBIDDEN"]);
    await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId: id, transition: "SUBMIT" } }, epci);
    const listed = await hub.query<{ projects: { edges: { node: { id: string } }[] } }>(`{ projects(first: 100, filter: { territoryId: "DEPARTEMENT:63" }) { edges { node { id } } } }`, {}, t.julien);
    expect(listed.data!.projects.edges.map((e) => e.node.id)).toContain(id);
  });
});
