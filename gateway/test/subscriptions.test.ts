import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { randomUUID } from "node:crypto";
import { signSession } from "@hub/gateway";
import { CAMILLE, JULIEN, SOPHIE, startHub, TEST_SESSION_SECRET, type Hub } from "@hub/testing";

const LEA = "lea.roux@cerema.demo";

/** Fields from projects (summary, project), people-territories (actor, territory) and funding. */
const SUBSCRIPTION = `subscription Live($projectId: ID, $territoryId: ID, $after: String) {
  projectActivity(projectId: $projectId, territoryId: $territoryId, after: $after) {
    id kind summary
    actor { name }
    project { title territory { name departement { name } } fundingOpportunities(first: 1) { edges { node { id } } } }
  }
}`;

interface Event {
  id: string;
  kind: string;
  summary: string;
  actor: { name: string } | null;
  project: { title: string; territory: { name: string; departement: { name: string } }; fundingOpportunities: { edges: unknown[] } };
}

/** A subscriber through the gateway that records what it receives and can wait for it. */
class Subscriber {
  readonly events: Event[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private waiters: (() => void)[] = [];

  constructor(url: string, token: string, variables: Record<string, unknown>, query = SUBSCRIPTION) {
    this.client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    this.client.subscribe<{ projectActivity: Event }>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.errors.push(result.errors);
          if (result.data) this.events.push(result.data.projectActivity);
          for (const waiter of this.waiters.splice(0)) waiter();
        },
        error: (error) => this.errors.push(error),
        complete: () => undefined,
      },
    );
  }

  /** Resolves once `predicate` holds on the events received (re-checked at each event). */
  async until(predicate: (events: Event[]) => boolean): Promise<void> {
    while (!predicate(this.events)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  get ready(): Promise<void> {
    // The server acknowledges the connection before the subscription is active: wait for it.
    return new Promise((resolve) => this.client.on("connected", () => setImmediate(resolve)));
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("federated subscriptions through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  const subscribers: Subscriber[] = [];
  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, sophie: SOPHIE, lea: LEA })) t[name] = await hub.token(email);
  });
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.close()));
    await hub.stop();
  });

  const wsUrl = () => hub.gatewayUrl.replace("http", "ws");
  const subscribe = async (who: string, variables: Record<string, unknown>, query?: string) => {
    const subscriber = new Subscriber(wsUrl(), t[who], variables, query);
    subscribers.push(subscriber);
    await subscriber.ready;
    return subscriber;
  };
  const mutate = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await hub.query<Record<string, { id: string }>>(query, variables, t[who]);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const create = async (title: string) =>
    (await mutate("camille", `mutation($t: String!) { createProject(input: { title: $t, territoryId: "COMMUNE:63113", themes: ["eau"] }) { id } }`, { t: title })).createProject.id;
  const step = (who: string, projectId: string, input: Record<string, unknown>) =>
    mutate(who, `mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, ...input } });

  it("delivers others' changes in order, with fields from projects, people-territories and funding, to those who may see them", async () => {
    const ddt = await subscribe("julien", { territoryId: "DEPARTEMENT:63" });
    const expert = await subscribe("lea", { territoryId: "DEPARTEMENT:63" });
    const projectId = await create("Captage d'eau potable");
    const owner = await subscribe("camille", { projectId, after: "0" });
    await step("camille", projectId, { transition: "SUBMIT" });
    await step("sophie", projectId, { transition: "QUALIFY", priority: "NORMAL" });

    await owner.until((events) => events.length === 3);
    expect(owner.events.map((e) => [e.kind, e.summary, e.actor?.name])).toEqual([
      ["PROJECT_CREATED", "Projet « Captage d'eau potable » créé", "Camille Martin"],
      ["STATUS_CHANGED", "Projet « Captage d'eau potable » déposé", "Camille Martin"],
      ["STATUS_CHANGED", "Projet « Captage d'eau potable » qualifié", "Sophie Durand"],
    ]);
    expect(owner.events[0].project).toEqual({
      title: "Captage d'eau potable",
      territory: { name: "Clermont-Ferrand", departement: { name: "Puy-de-Dôme" } },
      fundingOpportunities: { edges: [{ node: { id: expect.stringMatching(/^AT:\d+$/) as unknown } }] },
    });
    // The DDT sees it from its submission on (the draft was the collectivité's own).
    await ddt.until((events) => events.length === 2);
    expect(ddt.events.map((e) => e.summary)).toEqual(["Projet « Captage d'eau potable » déposé", "Projet « Captage d'eau potable » qualifié"]);
    expect(ddt.events.map((e) => e.id)).toEqual(owner.events.slice(1).map((e) => e.id));
    // An expert not associated with the project received nothing of it.
    expect(expert.events).toEqual([]);
    expect([...owner.errors, ...ddt.errors, ...expert.errors]).toEqual([]);
  });

  it("shares one upstream subscription between subscribers of the same operation as the same viewer, and closes it with the last", async () => {
    const health = async () => ((await (await fetch(`${hub.origin}/health`)).json()) as { subscriptions: { subscribers: number; upstreams: number } }).subscriptions;
    const before = await health();
    const projectId = await create("Halle gourmande");
    const tabs = [await subscribe("camille", { projectId }), await subscribe("camille", { projectId }), await subscribe("camille", { projectId })];
    const other = await subscribe("julien", { projectId });
    expect(await health()).toEqual({ subscribers: before.subscribers + 4, upstreams: before.upstreams + 2 });

    await step("camille", projectId, { transition: "SUBMIT" });
    for (const tab of tabs) await tab.until((events) => events.length === 1);
    await other.until((events) => events.length === 1);
    expect(new Set(tabs.map((tab) => JSON.stringify(tab.events))).size).toBe(1);
    expect(tabs[0].events[0]).toMatchObject({ kind: "STATUS_CHANGED", actor: { name: "Camille Martin" }, project: { title: "Halle gourmande" } });

    // One tab leaves: the others still receive; the last one leaving closes the upstream.
    await tabs[0].close();
    await mutate("camille", `mutation($id: ID!) { addComment(projectId: $id, body: "Plan du marché joint") { id } }`, { id: projectId });
    for (const tab of tabs.slice(1)) await tab.until((events) => events.length === 2);
    expect(tabs[0].events).toHaveLength(1);
    await tabs[1].close();
    await tabs[2].close();
    await other.close();
    await waitFor(async () => JSON.stringify(await health()) === JSON.stringify(before));
    expect([...tabs[1].errors, ...tabs[2].errors, ...other.errors]).toEqual([]);
  });

  it("gives each viewer its own data for the same event, also when the operation stays in one subgraph", async () => {
    // No field of another subgraph: the gateway completes an event once for every viewer who
    // received the same data; the conversation differs (internal notes), so it must not be shared.
    const projectsOnly = `subscription($projectId: ID) { projectActivity(projectId: $projectId) { id kind project { comments(first: 10) { edges { node { body internal } } } } } }`;
    const projectId = await create("Maison de santé");
    await step("camille", projectId, { transition: "SUBMIT" });
    const state = await subscribe("julien", { projectId }, projectsOnly);
    const owner = await subscribe("camille", { projectId }, projectsOnly);
    await mutate("julien", `mutation($id: ID!) { addComment(projectId: $id, body: "Vu avec l'ARS", internal: true) { id } }`, { id: projectId });
    await mutate("julien", `mutation($id: ID!) { addComment(projectId: $id, body: "Dossier complet") { id } }`, { id: projectId });
    await state.until((events) => events.length === 2);
    await owner.until((events) => events.length === 1);
    const bodies = (event: Event) => (event.project as unknown as { comments: { edges: { node: { body: string; internal: boolean } }[] } }).comments.edges.map((e) => e.node.body);
    expect(bodies(state.events[1])).toEqual(["Vu avec l'ARS", "Dossier complet"]);
    expect(bodies(owner.events[0])).toEqual(["Dossier complet"]);
    expect(owner.events[0].id).toBe(state.events[1].id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(owner.events).toHaveLength(1);
    expect([...state.errors, ...owner.errors]).toEqual([]);
  });

  it("delivers every live event to each of several agents of one service (who share its execution in the subgraph)", async () => {
    // Another agent of the same DDT: same organisation, roles and territory, another person.
    const colleague = randomUUID();
    // A real account: the gateway checks that a session's person is active in its organisation.
    await hub.sql("people-territories", "INSERT INTO person (id, email, given_name, usual_name) VALUES ($1, 'colleague@ddt63.demo', 'Marc', 'Colin')", [colleague]);
    await hub.sql("people-territories", "INSERT INTO membership (person_id, organization_id, role) VALUES ($1, 'DDT:63', 'STATE_AGENT')", [colleague]);
    t.colleague = signSession(
      { personId: colleague, organizationId: "DDT:63", roles: ["STATE_AGENT"], departements: ["63"], communes: [], scopes: [], programmes: [], territories: [] },
      TEST_SESSION_SECRET,
    );
    const projectId = await create("Voie douce du Bédat");
    const agents = [
      await subscribe("julien", { territoryId: "DEPARTEMENT:63" }),
      await subscribe("colleague", { territoryId: "DEPARTEMENT:63" }),
      await subscribe("sophie", { territoryId: "DEPARTEMENT:63" }),
    ];
    await step("camille", projectId, { transition: "SUBMIT" });
    await mutate("camille", `mutation($id: ID!) { addComment(projectId: $id, body: "Tracé joint") { id } }`, { id: projectId });
    for (const agent of agents) await agent.until((events) => events.filter((e) => e.project.title === "Voie douce du Bédat").length === 2);
    const seen = agents.map((agent) => agent.events.filter((e) => e.project.title === "Voie douce du Bédat").map((e) => [e.id, e.kind, e.actor?.name]));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0].map((e) => e[1])).toEqual(["STATUS_CHANGED", "COMMENT_ADDED"]);
    expect(agents.flatMap((agent) => agent.errors)).toEqual([]);
  });

  it("misses nothing that happened between reading a list and subscribing, with latestActivityId as `after`", async () => {
    const projectId = await create("Gymnase");
    const read = await hub.query<{ latestActivityId: string }>(`{ latestActivityId }`, {}, t.julien);
    expect(read.data!.latestActivityId).toMatch(/^\d+$/);
    // Changed after the read, before the subscription.
    await step("camille", projectId, { transition: "SUBMIT" });
    const late = await subscribe("julien", { territoryId: "DEPARTEMENT:63", after: read.data!.latestActivityId });
    await late.until((events) => events.some((e) => e.project.title === "Gymnase"));
    expect(late.events.filter((e) => e.project.title === "Gymnase").map((e) => e.kind)).toEqual(["STATUS_CHANGED"]);
    expect((await hub.query(`{ latestActivityId }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("resumes after a disconnection with exactly what was missed", async () => {
    const projectId = await create("Station d'épuration");
    const first = await subscribe("camille", { projectId, after: "0" });
    await first.until((events) => events.length === 1);
    const cursor = first.events[0].id;
    await first.close();
    await step("camille", projectId, { transition: "SUBMIT" });
    await mutate("camille", `mutation($id: ID!) { addComment(projectId: $id, body: "Pièces jointes à venir") { id } }`, { id: projectId });
    const resumed = await subscribe("camille", { projectId, after: cursor });
    await resumed.until((events) => events.length === 2);
    const missed = await hub.sql<{ id: string }>("projects", "SELECT id::text FROM activity WHERE project_id = $1 AND id > $2 ORDER BY activity.id", [projectId, cursor]);
    expect(resumed.events.map((e) => e.id)).toEqual(missed.map((r) => r.id));
  });

  it("loses nothing when the projects subgraph is killed and restarted", async () => {
    const projectId = await create("Médiathèque");
    const subscriber = await subscribe("camille", { projectId, after: "0" });
    await subscriber.until((events) => events.length === 1);
    await hub.restartProjects();
    // Written while the gateway reconnects (as another replica of the subgraph would).
    await step("camille", projectId, { transition: "SUBMIT" });
    await step("julien", projectId, { transition: "QUALIFY", priority: "LOW" });
    await subscriber.until((events) => events.length === 3);
    const all = await hub.sql<{ id: string }>("projects", "SELECT id::text FROM activity WHERE project_id = $1 ORDER BY activity.id", [projectId]);
    expect(subscriber.events.map((e) => e.id)).toEqual(all.map((r) => r.id));
    expect(subscriber.errors).toEqual([]);
  });
});
