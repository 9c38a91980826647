import { CAMILLE, JULIEN, startHub, type GraphQLResponse, type Hub } from "@hub/testing";
import type { QueryRunner } from "typeorm";

/** One call to the projects subgraph per request: nothing else is asked. */
const LIST = `query List { projects(first: 10) { edges { node { id title } } } }`;
const CREATE = `mutation Create($input: CreateProjectInput!) { createProject(input: $input) { id title } }`;

type ListData = { projects: { edges: { node: { id: string; title: string } }[] } };
type List = GraphQLResponse<ListData>;

/**
 * Identical queries of one viewer in flight at the same time share one subgraph call. To hold
 * them in flight, the test locks the projects table: the first call's SELECT waits on the lock,
 * the other requests arrive meanwhile; the gateway's own counters (GET /metrics) and
 * PostgreSQL's lock waiters say how many calls went out.
 */
describe("identical in-flight subgraph queries of the same viewer share one call", () => {
  let hub: Hub;
  let camille: string;
  let julien: string;
  let lock: QueryRunner | null = null;

  const metric = async (name: string, labels: string): Promise<number> => {
    const text = await (await fetch(`${hub.origin}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
    return line ? Number(line.split(" ").at(-1)) : 0;
  };
  const calls = () => metric("hub_gateway_subgraph_requests_total", `subgraph="projects",outcome="ok"`);
  const shared = () => metric("hub_gateway_subgraph_shared_total", `subgraph="projects"`);
  /** The statements of the projects database waiting on the test's lock (its own background reads may be among them). */
  const waiting = async () =>
    (await hub.sql<{ query: string }>("projects", `SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).map((row) => row.query);
  const insertsWaiting = async () => (await waiting()).filter((query) => /^INSERT INTO "project"/i.test(query)).length;
  /** Polls until `check` holds (every 20 ms, at most 20 s): the requests are then where the test wants them. */
  const until = async (what: string, check: () => Promise<boolean>, seen?: () => Promise<unknown>) => {
    const deadline = performance.now() + 20_000;
    while (performance.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`still not true after 20 s: ${what}${seen ? ` (${JSON.stringify(await seen())})` : ""}`);
  };
  const lockProjects = async () => {
    lock = hub.subgraphs.projects.database.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query("LOCK TABLE project IN ACCESS EXCLUSIVE MODE");
  };
  const unlock = async () => {
    await lock?.rollbackTransaction();
    await lock?.release();
    lock = null;
  };

  beforeAll(async () => {
    // The lock holds the calls as long as the test needs: no timeout, no circuit in the way.
    hub = await startHub({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: "60000" } });
    camille = await hub.token(CAMILLE);
    julien = await hub.token(JULIEN);
    const created = await hub.query(CREATE, { input: { title: "Maison de santé", territoryId: "COMMUNE:63113", themes: ["energies-dechets"], description: "Trois cabinets." } }, camille);
    expect(created.errors).toBeUndefined();
  });
  afterEach(unlock);
  afterAll(() => hub.stop());

  it("five identical queries of one viewer: one call, five identical answers", async () => {
    const alone: List = await hub.query<ListData>(LIST, {}, camille);
    expect(alone.errors).toBeUndefined();
    expect(alone.data!.projects.edges.length).toBeGreaterThan(0);
    const [callsBefore, sharedBefore] = [await calls(), await shared()];

    await lockProjects();
    const answers = Array.from({ length: 5 }, () => hub.query<ListData>(LIST, {}, camille));
    await until("four queries joined the first", async () => (await shared()) - sharedBefore === 4);
    await unlock();

    for (const answer of await Promise.all(answers)) expect(answer).toEqual(alone);
    expect((await calls()) - callsBefore).toBe(1);
  });

  it("two viewers: one call each, never an answer of the other", async () => {
    const own = { camille: await hub.query<ListData>(LIST, {}, camille), julien: await hub.query<ListData>(LIST, {}, julien) };
    const [callsBefore, sharedBefore] = [await calls(), await shared()];

    await lockProjects();
    const answers = [camille, julien, camille, julien, camille, julien].map((token) => hub.query<ListData>(LIST, {}, token));
    await until("the four other queries joined the first of their viewer", async () => (await shared()) - sharedBefore === 4);
    await unlock();

    const [c1, j1, c2, j2, c3, j3] = await Promise.all(answers);
    for (const answer of [c1, c2, c3]) expect(answer).toEqual(own.camille);
    for (const answer of [j1, j2, j3]) expect(answer).toEqual(own.julien);
    expect((await calls()) - callsBefore).toBe(2);
  });

  it("never shares a mutation: two identical creations are two calls and two projects", async () => {
    const sharedBefore = await shared();
    const input = { title: "Tiers-lieu", territoryId: "COMMUNE:63113", themes: ["energies-dechets"], description: "Un espace partagé." };

    await lockProjects();
    const create = () => hub.query<{ createProject: { id: string } }>(CREATE, { input }, camille);
    const answers = [create(), create()];
    await until("both creations waiting on the lock", async () => (await insertsWaiting()) === 2, waiting);
    await unlock();

    const [first, second] = await Promise.all(answers);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data!.createProject.id).not.toBe(second.data!.createProject.id);
    expect(await shared()).toBe(sharedBefore);
  });
});
