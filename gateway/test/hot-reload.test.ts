import { CAMILLE, startHub, type GraphQLResponse, type Hub } from "@hub/testing";
import { createClient, type Client } from "graphql-ws";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";

const DESCRIPTION = `"""One organisation by id. Public information."""`;
const RELOADED = `"""One organisation by id. Public information. Reloaded."""`;

const ORGANIZATION_DESCRIPTION = `{ __type(name: "Query") { fields { name description } } }`;

/** A page whose funding opportunities wait on the Aides-Territoires stand-in. */
const SLOW_PAGE = `{ projects(first: 2) { edges { node { id fundingOpportunities(first: 1) { edges { node { id } } } } } } }`;

const CREATE = `mutation Create($input: CreateProjectInput!) { createProject(input: $input) { id } }`;

type Fields = GraphQLResponse<{ __type: { fields: { name: string; description: string | null }[] } }>;

describe("supergraph hot reload", () => {
  let hub: Hub;
  let folder: string;
  let path: string;

  /** Writes the supergraph as deployments do: a new file renamed over the old one. */
  const replace = (text: string) => {
    writeFileSync(`${path}.next`, text);
    renameSync(`${path}.next`, path);
  };

  const organizationDescription = async () => {
    const response: Fields = await hub.query(ORGANIZATION_DESCRIPTION);
    return response.data?.__type.fields.find((f) => f.name === "organization")?.description;
  };

  /** Waits (checking every 50 ms, at most 10 s) until the gateway serves `description`. */
  const servedDescription = async (description: string) => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      if ((await organizationDescription()) === description) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the gateway still does not serve "${description}"`);
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "hub-supergraph-"));
    path = join(folder, "supergraph.graphql");
    copyFileSync(require.resolve("@hub/schema/supergraph.graphql"), path);
    expect(readFileSync(path, "utf8")).toContain(DESCRIPTION);
    hub = await startHub({ gatewayEnv: { SUPERGRAPH_PATH: path, SUPERGRAPH_WATCH_MS: "50", WS_INIT_TIMEOUT_MS: "60000" }, fundingCacheSeconds: 0 });
  });

  afterAll(async () => {
    await hub.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("serves a new supergraph without a restart, finishing requests in flight and keeping sockets open", async () => {
    const token = await hub.token(CAMILLE);
    // A project whose funding opportunities the slow page asks Aides-Territoires for.
    const created = await hub.query(CREATE, { input: { title: "Chaufferie bois de l'école", territoryId: "COMMUNE:63113", themes: ["energies-dechets"] } }, token);
    expect(created.errors).toBeUndefined();
    expect(await organizationDescription()).toBe("One organisation by id. Public information.");

    // A socket opened before the reload.
    let closed = false;
    const client: Client = createClient({
      url: hub.gatewayUrl.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    });
    client.on("closed", () => (closed = true));
    await new Promise<void>((resolve) => client.on("connected", () => resolve()));

    // A request in flight during the reload: Aides-Territoires answers it after 4.5 s (its client gives up at 5).
    hub.standIn.inject({ fault: { kind: "slow", delayMs: 4500 }, times: 1 });
    const faultsBefore = hub.standIn.stats.faultsServed;
    let settled = false;
    const inFlight = hub.query<{ projects: { edges: { node: { fundingOpportunities: unknown } }[] } }>(SLOW_PAGE, {}, token).finally(() => (settled = true));

    replace(readFileSync(path, "utf8").replace(DESCRIPTION, RELOADED));
    await servedDescription("One organisation by id. Public information. Reloaded.");
    expect(settled).toBe(false);

    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.projects.edges.length).toBeGreaterThan(0);
    expect(answered.data?.projects.edges.every((e) => e.node.fundingOpportunities !== null)).toBe(true);
    // The request did wait on the slow Aides-Territoires across the reload.
    expect(hub.standIn.stats.faultsServed).toBe(faultsBefore + 1);

    // The socket opened before still runs operations, on the new schema.
    const overSocket = await new Promise<unknown>((resolve, reject) => {
      let result: unknown;
      client.subscribe({ query: ORGANIZATION_DESCRIPTION }, { next: (r) => (result = r), error: reject, complete: () => resolve(result) });
    });
    expect(JSON.stringify(overSocket)).toContain("Public information. Reloaded.");
    expect(closed).toBe(false);
    await client.dispose();
  });

  it("refuses a broken supergraph and keeps serving the previous one", async () => {
    const before = await organizationDescription();
    replace("type Query {");
    // A later good file is still picked up: the broken one was seen and refused, not pending.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await organizationDescription()).toBe(before);
    const projects = await hub.query(`{ territory(id: "COMMUNE:63113") { name } }`);
    expect(projects.errors).toBeUndefined();
    replace(readFileSync(require.resolve("@hub/schema/supergraph.graphql"), "utf8"));
    await servedDescription("One organisation by id. Public information.");
  });
});
