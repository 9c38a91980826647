import { SESSION_AUDIENCE, signSession } from "@hub/gateway";
import { ANONYMOUS, signViewer, type Viewer } from "@hub/kit";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { codes, JULIEN, NADIA, startHub, TEST_SESSION_SECRET, type Hub } from "@hub/testing";

/** A graphql-ws client that records how its socket was closed. */
function connect(hub: Hub, token: string): { client: Client; closed: Promise<{ code: number; reason: string }>; connected: Promise<void> } {
  const client = createClient({
    url: hub.gatewayUrl.replace("http", "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => client.on("closed", (event) => resolve({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason })));
  const connected = new Promise<void>((resolve) => client.on("connected", () => resolve()));
  return { client, closed, connected };
}

/** Subscribes to the live activity of the Puy-de-Dôme and resolves once the subscription is active. */
async function subscribeToActivity(client: Client, events: unknown[]): Promise<void> {
  client.subscribe({ query: `subscription { projectActivity(territoryId: "DEPARTEMENT:63") { id } }` }, { next: (event) => events.push(event), error: () => undefined, complete: () => undefined });
  // The next operation on the socket runs after the subscription was set up.
  await new Promise((resolve, reject) => client.subscribe({ query: `{ __typename }` }, { next: resolve, error: reject, complete: () => undefined }));
}

/** Polls `condition` (bounded): HTTP has no event to wait on. */
async function within(ms: number, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const REFUSED = { status: 401, errors: [{ message: "Invalid or expired token", extensions: { code: "UNAUTHENTICATED" } }] };
const ENDED = { status: 401, errors: [{ message: "This session has ended: sign in again", extensions: { code: "UNAUTHENTICATED" } }] };

describe("session tokens carry only what a person can be", () => {
  let hub: Hub;
  let julien: Viewer;
  beforeAll(async () => {
    hub = await startHub();
    const [row] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [JULIEN]);
    julien = { ...ANONYMOUS, personId: row.id, organizationId: "DDT:63", roles: ["STATE_AGENT"], departements: ["63"] };
  });
  afterAll(() => hub.stop());

  // Signed with the gateway's own session secret, as someone holding it (or a bug) could.
  const forged = (viewer: Partial<Viewer>) => signViewer({ ...julien, ...viewer }, TEST_SESSION_SECRET, SESSION_AUDIENCE, 3600);

  it.each([
    ["SERVICE", { roles: ["SERVICE"] }],
    ["SERVICE beside a person role", { roles: ["STATE_AGENT", "SERVICE"] }],
    ["PROGRAMME", { roles: ["PROGRAMME"], scopes: ["projects:read"] }],
    ["no role", { roles: [] }],
    ["no person", { personId: null }],
  ] as [string, Partial<Viewer>][])("refuses a session token claiming %s, over HTTP (401) and in connection_init (4403)", async (_name, claims) => {
    const token = forged(claims);
    expect(await hub.query(`{ me { id } }`, {}, token)).toEqual(REFUSED);
    const socket = connect(hub, token);
    expect((await socket.closed).code).toBe(4403);
    await socket.client.dispose();
  });

  it("still accepts the genuine session of the same person", async () => {
    const response = await hub.query<{ me: { email: string } }>(`{ me { email } }`, {}, forged({}));
    expect(response).toEqual({ status: 200, data: { me: { email: JULIEN } } });
  });

  it("never signs a session for SERVICE or PROGRAMME, and no membership can hold them", async () => {
    expect(() => signSession({ ...julien, roles: ["SERVICE"] }, TEST_SESSION_SECRET)).toThrow("only a person with person roles has a session");
    expect(() => signSession({ ...ANONYMOUS, roles: ["PROGRAMME"], scopes: ["stats:read"] }, TEST_SESSION_SECRET)).toThrow("only a person with person roles has a session");
    await expect(hub.sql("people-territories", "UPDATE membership SET role = 'SERVICE' WHERE person_id = $1", [julien.personId])).rejects.toThrow(/membership_person_role/);
    await expect(hub.sql("people-territories", "INSERT INTO invitation (person_id, organization_id, role) VALUES ($1, 'DDT:63', 'PROGRAMME')", [julien.personId])).rejects.toThrow(/check constraint/);
  });
});

describe("suspension, revocation and expiry reach open sessions", () => {
  let hub: Hub;
  let nadia: string;
  beforeAll(async () => {
    hub = await startHub({ sessionCheckSeconds: 1 });
    nadia = await hub.token(NADIA);
  });
  afterAll(() => hub.stop());

  const subscriptionsHeld = async () => ((await (await fetch(`${hub.origin}/health`)).json()) as { subscriptions: unknown }).subscriptions;

  /** An active agent of the DDT 63 of their own, and their session token. */
  async function newAgent(email: string): Promise<{ id: string; token: string }> {
    const invited = await hub.query(`mutation($e: String!) { invitePerson(input: { email: $e, givenName: "Marc", usualName: "Colin", organizationId: "DDT:63" }) { id } }`, { e: email }, nadia);
    expect(invited.errors).toBeUndefined();
    await hub.sql("people-territories", "UPDATE person SET status = 'ACTIVE' WHERE email = $1", [email]);
    const [row] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [email]);
    return { id: row.id, token: await hub.token(email) };
  }

  it("closes a suspended person's WebSocket (4403, its subscription with it) and refuses their HTTP session", async () => {
    const agent = await newAgent("marc.colin@ddt63.demo");
    expect(await hub.query(`{ me { email } }`, {}, agent.token)).toEqual({ status: 200, data: { me: { email: "marc.colin@ddt63.demo" } } });
    const socket = connect(hub, agent.token);
    const events: unknown[] = [];
    await socket.connected;
    await subscribeToActivity(socket.client, events);

    expect(await subscriptionsHeld()).toEqual({ subscribers: 1, upstreams: 1 });

    const suspended = await hub.query(`mutation($id: ID!) { suspendPerson(id: $id) { status } }`, { id: agent.id }, nadia);
    expect(suspended).toEqual({ status: 200, data: { suspendPerson: { status: "SUSPENDED" } } });
    expect(await socket.closed).toEqual({ code: 4403, reason: "Forbidden" });
    // Its subscription stopped with it, upstream included: nothing more is delivered.
    await within(3000, async () => JSON.stringify(await subscriptionsHeld()) === JSON.stringify({ subscribers: 0, upstreams: 0 }));
    await within(3000, async () => (await hub.query(`{ me { email } }`, {}, agent.token)).status === 401);
    expect(await hub.query(`{ me { email } }`, {}, agent.token)).toEqual(ENDED);
    // A new connection with the same token is refused at once.
    const again = connect(hub, agent.token);
    expect((await again.closed).code).toBe(4403);
    await Promise.all([socket.client.dispose(), again.client.dispose()]);
  });

  it("ends a session whose membership was removed", async () => {
    const agent = await newAgent("lina.faure@ddt63.demo");
    const socket = connect(hub, agent.token);
    await socket.connected;
    await hub.sql("people-territories", "DELETE FROM membership WHERE person_id = $1", [agent.id]);
    expect(await socket.closed).toEqual({ code: 4403, reason: "Forbidden" });
    await within(3000, async () => (await hub.query(`{ me { email } }`, {}, agent.token)).status === 401);
    await socket.client.dispose();
  });

  it("closes the WebSockets of a revoked API key and refuses it over HTTP", async () => {
    const created = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Programme éphémère", scopes: ["projects:read"] }) { key apiKey { id } } }`,
      {},
      nadia,
    );
    const { key, apiKey } = created.data!.createApiKey;
    const socket = connect(hub, key);
    const events: unknown[] = [];
    await socket.connected;
    await subscribeToActivity(socket.client, events);
    await hub.query(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id }, nadia);
    expect(await socket.closed).toEqual({ code: 4403, reason: "Forbidden" });
    expect(codes(await hub.query(`{ projects(first: 1) { edges { node { id } } } }`, {}, key))).toEqual(["UNAUTHENTICATED"]);
    await socket.client.dispose();
  });

  it("closes a WebSocket when its session token expires, and refuses the token over HTTP", async () => {
    const agent = await newAgent("ines.roche@ddt63.demo");
    const shortLived = signSession({ ...ANONYMOUS, personId: agent.id, organizationId: "DDT:63", roles: ["STATE_AGENT"], departements: ["63"] }, TEST_SESSION_SECRET, 2);
    const socket = connect(hub, shortLived);
    await socket.connected;
    expect(await socket.closed).toEqual({ code: 4403, reason: "Session expired" });
    expect(await hub.query(`{ me { id } }`, {}, shortLived)).toEqual(REFUSED);
    await socket.client.dispose();
  });
});
