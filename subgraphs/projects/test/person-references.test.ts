import { signSession } from "@hub/gateway";
import { ANONYMOUS, type Viewer } from "@hub/kit";
import { randomUUID } from "node:crypto";
import { CAMILLE, JULIEN, NADIA, startHub, TEST_SESSION_SECRET, type Hub } from "@hub/testing";

/**
 * The people a project names (createdBy, comments' authors, the journal's actors, assignees,
 * uploaders) follow the visibility of person(id): null, id included, for whoever may not see them.
 */
const LOUIS = "louis.moreau@anct.demo";
const FICHE = `query($id: ID!) { project(id: $id) {
  title
  createdBy { id name }
  assignees { theme person { id name } }
  comments(first: 10) { edges { node { body author { id name } } } }
  activity(first: 10) { edges { node { kind actor { id name } } } }
} }`;

describe("person references served with projects", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    for (const [who, email] of [
      ["camille", CAMILLE],
      ["julien", JULIEN],
      ["nadia", NADIA],
      ["louis", LOUIS],
    ] as const) {
      t[who] = await hub.token(email);
      [{ id: id[who] }] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [email]);
    }
    // A State agent of the Allier: sees a project on a commune of the Allier, not the Clermont-Ferrand agent who created it.
    const allier: Viewer = { ...ANONYMOUS, personId: randomUUID(), organizationId: "DDT:03", roles: ["STATE_AGENT"], departements: ["03"] };
    await hub.sql("people-territories", "INSERT INTO person (id, email, given_name, usual_name) VALUES ($1, 'agent@ddt03.demo', 'Paul', 'Allier')", [allier.personId]);
    await hub.sql("people-territories", "INSERT INTO membership (person_id, organization_id, role) VALUES ($1, 'DDT:03', 'STATE_AGENT')", [allier.personId]);
    t.allier = signSession(allier, TEST_SESSION_SECRET);
    const key = await hub.query<{ createApiKey: { key: string } }>(`mutation { createApiKey(input: { name: "Programme", scopes: ["projects:read"] }) { key } }`, {}, t.nadia);
    t.programme = key.data!.createApiKey.key;

    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Voie verte Allier–Puy-de-Dôme", territoryId: "COMMUNE:63113", communeIds: ["COMMUNE:03190"], themes: ["mobilite-transports"] }) { id } }`,
      {},
      t.camille,
    );
    projectId = created.data!.createProject.id;
    const mutate = async (who: string, query: string, variables: Record<string, unknown>) => expect((await hub.query(query, variables, t[who])).errors).toBeUndefined();
    await mutate("camille", `mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, transition: "SUBMIT" } });
    await mutate("camille", `mutation($id: ID!) { addComment(projectId: $id, body: "Tracé joint") { id } }`, { id: projectId });
    await mutate("julien", `mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, transition: "QUALIFY", priority: "NORMAL" } });
    await mutate("julien", `mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, {
      i: { projectId, transition: "ASSIGN", assignees: [{ personId: id.julien, theme: "mobilite-transports" }] },
    });
  });
  afterAll(() => hub.stop());

  const fiche = async (who: string) => {
    const response = await hub.query<{ project: Record<string, unknown> }>(FICHE, { id: projectId }, t[who]);
    expect(response.errors).toBeUndefined();
    return response.data!.project;
  };
  const kinds = ["PROJECT_CREATED", "STATUS_CHANGED", "COMMENT_ADDED", "STATUS_CHANGED", "ASSIGNED"];
  const journal = (actors: unknown[]) => ({ edges: kinds.map((kind, i) => ({ node: { kind, actor: actors[i] } })) });

  it("shows the DDT of the Puy-de-Dôme everyone, with names", async () => {
    const camille = { id: id.camille, name: "Camille Martin" };
    const julien = { id: id.julien, name: "Julien Bernard" };
    expect(await fiche("julien")).toEqual({
      title: "Voie verte Allier–Puy-de-Dôme",
      createdBy: camille,
      assignees: [{ theme: "mobilite-transports", person: julien }],
      comments: { edges: [{ node: { body: "Tracé joint", author: camille } }] },
      activity: journal([camille, camille, camille, julien, julien]),
    });
  });

  it.each(["allier", "programme"])("gives %s, who sees the project but not its people, null for each of them, ids included", async (who) => {
    const project = await fiche(who);
    expect(project).toEqual({
      title: "Voie verte Allier–Puy-de-Dôme",
      createdBy: null,
      assignees: [{ theme: "mobilite-transports", person: null }],
      comments: { edges: [{ node: { body: "Tracé joint", author: null } }] },
      activity: journal([null, null, null, null, null]),
    });
    expect(JSON.stringify(project)).not.toContain(id.camille);
    expect(JSON.stringify(project)).not.toContain(id.julien);
  });

  it("gives analysts the people's ids, never their names", async () => {
    const camille = { id: id.camille, name: null };
    const julien = { id: id.julien, name: null };
    expect(await fiche("louis")).toEqual({
      title: "Voie verte Allier–Puy-de-Dôme",
      createdBy: camille,
      assignees: [{ theme: "mobilite-transports", person: julien }],
      comments: { edges: [{ node: { body: "Tracé joint", author: camille } }] },
      activity: journal([camille, camille, camille, julien, julien]),
    });
  });
});
