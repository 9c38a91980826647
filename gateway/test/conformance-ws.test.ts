/**
 * The graphql-transport-ws protocol, spoken by hand against the real gateway: each close code of
 * the protocol in the situation that calls for it, and the socket's neighbours unharmed.
 */
import { CAMILLE, RawClient, startHub, withoutRequestId, wsOperation, type Hub } from "@hub/testing";

const LIVE = `subscription { projectActivity(territoryId: "DEPARTEMENT:63") { id } }`;

describe("graphql-ws protocol close codes", () => {
  let hub: Hub;
  let camille: string;
  beforeAll(async () => {
    hub = await startHub({ gatewayEnv: { WS_INIT_TIMEOUT_MS: "300" } });
    camille = await hub.token(CAMILLE);
  });
  afterAll(() => hub.stop());
  const subscriptionsHeld = async () => ((await (await fetch(`${hub.origin}/health`)).json()) as { subscriptions: { subscribers: number; upstreams: number } }).subscriptions;

  afterEach(async () => {
    // Whatever a socket did, the gateway goes on serving the others.
    expect(await wsOperation(hub.gatewayUrl, `{ __typename }`, {}, camille)).toEqual({ results: [{ data: { __typename: "Query" } }], errors: null });
  });

  it.each([
    ["a frame that is not JSON", "{not json"],
    ["a message of no known type", JSON.stringify({ type: "hello" })],
    ["a subscribe without a query", JSON.stringify({ id: "1", type: "subscribe", payload: { variables: {} } })],
    ["a subscribe without an id", JSON.stringify({ type: "subscribe", payload: { query: "{ __typename }" } })],
  ])("4400 Bad request: %s", async (_what, frame) => {
    const client = new RawClient(hub.gatewayUrl);
    await client.init(camille);
    client.socket.send(frame);
    expect(await client.closedWith).toEqual({ code: 4400, reason: "Invalid message received" });
  });

  it("4400 Bad request: a message before connection_init that is not one", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.opened();
    client.socket.send("[]");
    expect(await client.closedWith).toEqual({ code: 4400, reason: "Invalid message received" });
  });

  it("4401 Unauthorized: a subscribe before the connection is acknowledged", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.opened();
    client.send({ id: "1", type: "subscribe", payload: { query: "{ __typename }" } });
    expect(await client.closedWith).toEqual({ code: 4401, reason: "Unauthorized" });
    expect(client.messages).toEqual([]);
  });

  it("4401 Unauthorized: a subscribe sent with connection_init, before its credential is checked", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.opened();
    client.send({ type: "connection_init", payload: { authorization: `Bearer ${camille}` } });
    client.send({ id: "1", type: "subscribe", payload: { query: "{ __typename }" } });
    expect(await client.closedWith).toEqual({ code: 4401, reason: "Unauthorized" });
  });

  it.each([
    ["a forged token", { authorization: "Bearer forged" }],
    ["a forged API key", { authorization: "Bearer hubk_forged" }],
    ["an authorization that is not a string", { authorization: 42 }],
  ])("4403 Forbidden: connection_init with %s", async (_what, payload) => {
    const client = new RawClient(hub.gatewayUrl);
    await client.opened();
    client.send({ type: "connection_init", payload });
    expect(await client.closedWith).toEqual({ code: 4403, reason: "Forbidden" });
    expect(client.messages).toEqual([]);
  });

  it("4406 Subprotocol not acceptable: a client that offers no subprotocol", async () => {
    const client = new RawClient(hub.gatewayUrl, []);
    expect(await client.closedWith).toEqual({ code: 4406, reason: "Subprotocol not acceptable" });
  });

  it.each([
    ["subscriptions-transport-ws's deprecated graphql-ws", "graphql-ws"],
    ["an unknown one", "graphql-sse"],
  ])("a client that offers only %s: the handshake selects none, so the client fails it (RFC 6455) before any 4406", async (_what, protocol) => {
    const client = new RawClient(hub.gatewayUrl, [protocol]);
    expect(await client.closed).toBe(1006);
    expect(client.errors).toEqual(["Server sent no subprotocol"]);
  });

  it("4408 Connection initialisation timeout: no connection_init within WS_INIT_TIMEOUT_MS", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.opened();
    // A ping is not an initialisation: it is answered, and the timeout still applies.
    client.send({ type: "ping" });
    expect(await client.closedWith).toEqual({ code: 4408, reason: "Connection initialisation timeout" });
    expect(client.messages).toEqual([{ type: "pong" }]);
  });

  it("4409 Subscriber already exists: a second subscribe with the id of a live subscription", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.init(camille);
    client.send({ id: "live", type: "subscribe", payload: { query: LIVE } });
    client.send({ id: "live", type: "subscribe", payload: { query: LIVE } });
    expect(await client.closedWith).toEqual({ code: 4409, reason: "Subscriber for live already exists" });
    // The live subscription ended with its socket: the gateway holds none.
    const none = JSON.stringify({ subscribers: 0, upstreams: 0 });
    while (JSON.stringify(await subscriptionsHeld()) !== none) await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it("an id may be used again once its operation has completed", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.init(camille);
    client.send({ id: "q", type: "subscribe", payload: { query: "{ __typename }" } });
    await client.until((m) => m.some((x) => x.type === "complete"));
    client.send({ id: "q", type: "subscribe", payload: { query: "{ __typename }" } });
    await client.until((m) => m.filter((x) => x.type === "complete").length === 2);
    expect(client.messages.filter((m) => m.type === "next").map((m) => ({ ...m, payload: withoutRequestId(m.payload as object) }))).toEqual([
      { id: "q", type: "next", payload: { data: { __typename: "Query" } } },
      { id: "q", type: "next", payload: { data: { __typename: "Query" } } },
    ]);
    client.socket.close(1000);
    expect(await client.closed).toBe(1000);
  });

  it("4429 Too many initialisation requests: a second connection_init, even while the first is being checked", async () => {
    const acknowledged = new RawClient(hub.gatewayUrl);
    await acknowledged.init(camille);
    acknowledged.send({ type: "connection_init", payload: { authorization: `Bearer ${camille}` } });
    expect(await acknowledged.closedWith).toEqual({ code: 4429, reason: "Too many initialisation requests" });

    const eager = new RawClient(hub.gatewayUrl);
    await eager.opened();
    eager.send({ type: "connection_init", payload: { authorization: `Bearer ${camille}` } });
    eager.send({ type: "connection_init", payload: { authorization: `Bearer ${camille}` } });
    expect(await eager.closedWith).toEqual({ code: 4429, reason: "Too many initialisation requests" });
  });
});
