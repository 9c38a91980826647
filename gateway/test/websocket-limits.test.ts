import { getIntrospectionQuery } from "graphql";
import WebSocket from "ws";
import { CAMILLE, type Hub, JULIEN, NADIA, RawClient, startHub, wsOperation } from "@hub/testing";

const LIVE = `subscription { projectActivity(territoryId: "DEPARTEMENT:63") { id } }`;

/** The first socket ws terminates from now on (it is terminated as usual). */
function firstTerminate(): Promise<WebSocket> {
  const spy = jest.spyOn(WebSocket.prototype, "terminate");
  return new Promise((resolve) => {
    spy.mockImplementationOnce(function (this: WebSocket) {
      // The once-implementation is used up: this call reaches ws's own terminate.
      this.terminate();
      resolve(this);
    });
  });
}

async function health(hub: Hub): Promise<{ subscribers: number; upstreams: number }> {
  return ((await (await fetch(`${hub.origin}/health`)).json()) as { subscriptions: { subscribers: number; upstreams: number } }).subscriptions;
}

/** A sample of the hub's /metrics (`name{labels}`), or 0 when absent. */
async function metric(hub: Hub, series: string): Promise<number> {
  const line = (await (await fetch(`${hub.origin}/metrics`)).text()).split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

async function subscribers(hub: Hub, count: number): Promise<void> {
  // The gateway's own count, polled: the protocol has no acknowledgement of a subscribe.
  while ((await health(hub)).subscribers !== count) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("WebSocket limits", () => {
  let hub: Hub;
  let julien: string;
  beforeAll(async () => {
    hub = await startHub({
      gatewayEnv: {
        WS_MAX_PAYLOAD_BYTES: "4096",
        WS_INIT_TIMEOUT_MS: "300",
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "2",
        WS_MAX_SUBSCRIPTIONS_PER_VIEWER: "3",
        WS_MAX_SUBSCRIPTIONS_PER_API_KEY: "2",
        WS_MAX_BUFFERED_BYTES: "65536",
      },
    });
    julien = await hub.token(JULIEN);
  });
  afterAll(() => hub.stop());

  it("closes a socket that sends a frame over the size limit with 1009, and goes on serving", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.init(julien);
    client.send({ id: "1", type: "subscribe", payload: { query: `{ __typename }`, variables: { pad: "x".repeat(5000) } } });
    expect(await client.closed).toBe(1009);
    expect(await wsOperation(hub.gatewayUrl, `{ __typename }`, {}, julien)).toEqual({ results: [{ data: { __typename: "Query" } }], errors: null });
  });

  it("closes a socket without connection_init with 4408", async () => {
    const client = new RawClient(hub.gatewayUrl);
    expect(await client.closed).toBe(4408);
  });

  it("caps subscriptions per connection and per viewer with TOO_MANY_SUBSCRIPTIONS, freeing a slot on complete", async () => {
    const first = new RawClient(hub.gatewayUrl);
    await first.init(julien);
    for (const id of ["a", "b", "c"]) first.send({ id, type: "subscribe", payload: { query: LIVE } });
    await first.until((m) => m.some((x) => x.id === "c"));
    expect(first.messages.filter((m) => m.type !== "connection_ack")).toEqual([
      { id: "c", type: "error", payload: [{ message: "At most 2 subscriptions per connection", extensions: { code: "TOO_MANY_SUBSCRIPTIONS" } }] },
    ]);
    await subscribers(hub, 2);

    const second = new RawClient(hub.gatewayUrl);
    await second.init(julien);
    second.send({ id: "d", type: "subscribe", payload: { query: LIVE } });
    await subscribers(hub, 3);
    second.send({ id: "e", type: "subscribe", payload: { query: LIVE } });
    await second.until((m) => m.some((x) => x.id === "e"));
    expect(second.messages.filter((m) => m.type !== "connection_ack")).toEqual([
      { id: "e", type: "error", payload: [{ message: "At most 3 subscriptions per viewer", extensions: { code: "TOO_MANY_SUBSCRIPTIONS" } }] },
    ]);

    // Completing one, or closing a connection, gives the viewer its slots back.
    first.send({ id: "a", type: "complete" });
    await subscribers(hub, 2);
    second.send({ id: "f", type: "subscribe", payload: { query: LIVE } });
    await subscribers(hub, 3);
    first.socket.close();
    await subscribers(hub, 2);
    const third = new RawClient(hub.gatewayUrl);
    await third.init(julien);
    third.send({ id: "g", type: "subscribe", payload: { query: LIVE } });
    await subscribers(hub, 3);
    expect([second, third].map((c) => c.messages.filter((m) => m.type === "error").map((m) => m.id))).toEqual([["e"], []]);
    second.socket.close();
    third.socket.close();
    await subscribers(hub, 0);
  });

  it("refuses a new connection of a person holding all the subscriptions its cap allows with 4429, and counts callers in /metrics", async () => {
    const first = new RawClient(hub.gatewayUrl);
    await first.init(julien);
    for (const id of ["a", "b"]) first.send({ id, type: "subscribe", payload: { query: LIVE } });
    const second = new RawClient(hub.gatewayUrl);
    await second.init(julien);
    second.send({ id: "c", type: "subscribe", payload: { query: LIVE } });
    await subscribers(hub, 3);
    expect(await metric(hub, 'hub_gateway_subscription_callers{caller="person"}')).toBe(1);
    expect(await metric(hub, 'hub_gateway_subscriptions_per_caller_max{caller="person"}')).toBe(3);
    // At its cap: a third connection is closed at connection_init, the open ones go on.
    const third = new RawClient(hub.gatewayUrl);
    await third.opened();
    third.send({ type: "connection_init", payload: { authorization: `Bearer ${julien}` } });
    expect(await third.closedWith).toEqual({ code: 4429, reason: "Too many subscriptions: at most 3 per viewer" });
    expect(first.socket.readyState).toBe(WebSocket.OPEN);
    // One completed: room again.
    second.send({ id: "c", type: "complete" });
    await subscribers(hub, 2);
    const fourth = new RawClient(hub.gatewayUrl);
    await fourth.init(julien);
    for (const client of [first, second, fourth]) client.socket.close();
    await subscribers(hub, 0);
    expect(await metric(hub, 'hub_gateway_subscription_callers{caller="person"}')).toBe(0);
  });

  it("caps a programme key's subscriptions across its connections (WS_MAX_SUBSCRIPTIONS_PER_API_KEY), per key in /metrics", async () => {
    const nadia = await hub.token(NADIA);
    const created = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Programme live", scopes: ["projects:read"] }) { key apiKey { id } } }`,
      {},
      nadia,
    );
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    const first = new RawClient(hub.gatewayUrl);
    await first.init(key);
    first.send({ id: "a", type: "subscribe", payload: { query: LIVE } });
    const second = new RawClient(hub.gatewayUrl);
    await second.init(key);
    second.send({ id: "b", type: "subscribe", payload: { query: LIVE } });
    await subscribers(hub, 2);
    // The key's cap (2), not the viewer's (3), across connections: a coded error, the connection stays open.
    second.send({ id: "c", type: "subscribe", payload: { query: LIVE } });
    await second.until((m) => m.some((x) => x.id === "c"));
    expect(second.messages.filter((m) => m.id === "c")).toEqual([
      { id: "c", type: "error", payload: [{ message: "At most 2 subscriptions per API key", extensions: { code: "TOO_MANY_SUBSCRIPTIONS" } }] },
    ]);
    expect(second.socket.readyState).toBe(WebSocket.OPEN);
    expect(await metric(hub, `hub_gateway_api_key_subscriptions_active{api_key="${apiKey.id}"}`)).toBe(2);
    // A new connection of the key is refused with 4429.
    const third = new RawClient(hub.gatewayUrl);
    await third.opened();
    third.send({ type: "connection_init", payload: { authorization: `Bearer ${key}` } });
    expect(await third.closedWith).toEqual({ code: 4429, reason: "Too many subscriptions: at most 2 per API key" });
    first.socket.close();
    second.socket.close();
    await subscribers(hub, 0);
    expect(await metric(hub, `hub_gateway_api_key_subscriptions_active{api_key="${apiKey.id}"}`)).toBe(0);
  });

  it("takes a subscription's cost from its key's budget per minute when it starts: past it, 4429 and COST_BUDGET_EXCEEDED", async () => {
    const nadia = await hub.token(NADIA);
    // A subscription of one activity with its id costs 1 (one object): room for one a minute.
    const created = await hub.query<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "Programme frugal", scopes: ["projects:read"], costPerMinute: 1 }) { key } }`,
      {},
      nadia,
    );
    expect(created.errors).toBeUndefined();
    const { key } = created.data!.createApiKey;
    const client = new RawClient(hub.gatewayUrl);
    await client.init(key);
    client.send({ id: "a", type: "subscribe", payload: { query: LIVE } });
    await subscribers(hub, 1);
    client.send({ id: "b", type: "subscribe", payload: { query: LIVE } });
    const closed = await client.closedWith;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/^Cost budget of 1 a minute spent: retry in \d+ s$/);
    expect(await metric(hub, 'hub_gateway_rate_limit_refusals_total{caller="key",transport="ws",limit="cost"}')).toBe(1);
    // Its slots are given back with the socket.
    await subscribers(hub, 0);
  });

  it("destroys the socket of a client that stops reading once its output passes the bound, and serves the others", async () => {
    // The gateway's side of the socket is destroyed: wait for that call.
    const done = firstTerminate();
    const client = new RawClient(hub.gatewayUrl);
    await client.init(julien);
    (client.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    // Answers of about 100 KB each that the client does not read.
    const query = getIntrospectionQuery({ descriptions: true });
    for (let i = 0; i < 400; i++) client.send({ id: String(i), type: "subscribe", payload: { query } });
    const slow = await done;
    jest.restoreAllMocks();
    expect((slow as unknown as { _isServer: boolean })._isServer).toBe(true);
    expect(await wsOperation(hub.gatewayUrl, `{ __typename }`, {}, julien)).toEqual({ results: [{ data: { __typename: "Query" } }], errors: null });
    (client.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await client.closed).toBe(1006);
    expect(client.messages.length).toBeLessThan(400);
  });
});

describe("WebSocket output bound, with live events", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub({ gatewayEnv: { WS_MAX_BUFFERED_BYTES: "65536" } });
  });
  afterAll(() => hub.stop());

  it("destroys a subscriber that stops reading while events pile up, and the others still get theirs", async () => {
    const [julien, camille] = [await hub.token(JULIEN), await hub.token(CAMILLE)];
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Halle gourmande", territoryId: "COMMUNE:63113", themes: ["eau"] }) { id } }`,
      {},
      camille,
    );
    const projectId = created.data!.createProject.id;
    const submitted = await hub.query(`mutation($p: ID!) { changeProjectStatus(input: { projectId: $p, transition: SUBMIT }) { id } }`, { p: projectId }, camille);
    expect(submitted.errors).toBeUndefined();
    const fat = `subscription { projectActivity(territoryId: "DEPARTEMENT:63") { id kind summary actor { name } project { title description territory { name }
      fundingOpportunities(first: 20) { edges { node { id name url financers aidTypes categories perimeter } } } } } }`;
    const serverSide = { terminated: false };
    void firstTerminate().then(() => (serverSide.terminated = true));

    const slow = new RawClient(hub.gatewayUrl);
    await slow.init(julien);
    for (let i = 0; i < 40; i++) slow.send({ id: `s${i}`, type: "subscribe", payload: { query: fat } });
    await subscribers(hub, 40);
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const healthy = new RawClient(hub.gatewayUrl);
    await healthy.init(julien);
    healthy.send({ id: "h", type: "subscribe", payload: { query: `subscription { projectActivity(territoryId: "DEPARTEMENT:63") { id } }` } });
    await subscribers(hub, 41);

    // Each comment is an event for the 40 subscriptions of the paused client.
    let comments = 0;
    while (!serverSide.terminated && comments < 500) {
      const sent = await hub.query(`mutation($p: ID!, $b: String!) { addComment(projectId: $p, body: $b) { id } }`, { p: projectId, b: `message ${comments}` }, camille);
      expect(sent.errors).toBeUndefined();
      comments++;
    }
    jest.restoreAllMocks();
    expect(serverSide.terminated).toBe(true);
    await subscribers(hub, 1);
    const before = healthy.messages.length;
    await hub.query(`mutation($p: ID!, $b: String!) { addComment(projectId: $p, body: $b) { id } }`, { p: projectId, b: "after" }, camille);
    await healthy.until((m) => m.length > before);
    expect(healthy.messages.filter((m) => m.type === "error")).toEqual([]);
    healthy.socket.close();
  });
});
