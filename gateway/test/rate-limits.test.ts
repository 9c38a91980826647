import { codes, NADIA, RawClient, startHub, type GraphQLResponse, type Hub } from "@hub/testing";
import { Client } from "pg";

const SMALL = `{ territory(id: "DEPARTEMENT:63") { name } }`;

interface Answer extends GraphQLResponse {
  retryAfter: string | null;
}

/** POST /graphql on one gateway replica, with headers of the test's choosing; the body and Retry-After. */
async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...((await response.json()) as object) };
}

describe("per-caller rate limits and cost budgets", () => {
  let hub: Hub;
  let nadia: string;

  /** A programme's key created by ANCT, with its own settings. */
  const createKey = async (settings: string): Promise<{ key: string; id: string }> => {
    const created = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Programme", scopes: ["projects:read"] ${settings} }) { key apiKey { id requestsPerMinute maxOperationCost } } }`,
      {},
      nadia,
    );
    expect(created.errors).toBeUndefined();
    return { key: created.data!.createApiKey.key, id: created.data!.createApiKey.apiKey.id };
  };

  beforeAll(async () => {
    // Anonymous callers: 3 a minute; one proxy in front, whose X-Forwarded-For gives each test caller its own address.
    hub = await startHub({ gatewayDatabase: true, gatewayEnv: { RATE_LIMIT_ANONYMOUS_PER_MINUTE: "3", TRUST_PROXY_HOPS: "1" } });
    nadia = await hub.token(NADIA);
  });

  afterAll(() => hub.stop());

  it("refuses an anonymous address past its rate with 429, Retry-After and RATE_LIMITED", async () => {
    const from = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 3; i++) expect((await post(hub.gatewayUrl, SMALL, from)).status).toBe(200);
    const refused = await post(hub.gatewayUrl, SMALL, from);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(["RATE_LIMITED"]);
    // A token comes back every 20 s at 3 a minute.
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(20);
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBe(Number(refused.retryAfter));
    // Another address has its own bucket; a forged X-Forwarded-For entry before the proxy's does not pick one.
    expect((await post(hub.gatewayUrl, SMALL, { "x-forwarded-for": "203.0.113.8" })).status).toBe(200);
    expect((await post(hub.gatewayUrl, SMALL, { "x-forwarded-for": "198.51.100.1, 203.0.113.7" })).status).toBe(429);
  });

  it("shares a key's bucket between two gateway replicas on one database", async () => {
    const { key, id } = await createKey("requestsPerMinute: 4");
    const replica = await hub.startGateway();
    const auth = { authorization: `Bearer ${key}` };
    // Two requests through each replica: the key's 4 tokens.
    for (const url of [hub.gatewayUrl, replica.url, hub.gatewayUrl, replica.url]) expect((await post(url, SMALL, auth)).status).toBe(200);
    // Each replica alone would have allowed 4.
    for (const url of [replica.url, hub.gatewayUrl]) {
      const refused = await post(url, SMALL, auth);
      expect(refused.status).toBe(429);
      expect(codes(refused)).toEqual(["RATE_LIMITED"]);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // The bucket is the row of the key in the gateway's database.
    const db = new Client({ connectionString: hub.gatewayDatabaseUrl! });
    await db.connect();
    try {
      const { rows } = await db.query<{ tokens: number; allowed: boolean }>("SELECT tokens, allowed FROM rate_bucket WHERE key = $1", [`apikey:${id}`]);
      expect(rows).toHaveLength(1);
      expect(rows[0].allowed).toBe(false);
      expect(rows[0].tokens).toBeLessThan(1);
    } finally {
      await db.end();
    }
  });

  it("closes a WebSocket with 4429 when its caller goes past its rate", async () => {
    const { key } = await createKey("requestsPerMinute: 2");
    const client = new RawClient(hub.gatewayUrl);
    // connection_init takes a token, the first operation the second.
    await client.init(key);
    client.send({ id: "1", type: "subscribe", payload: { query: SMALL } });
    await client.until((m) => m.some((x) => x.id === "1" && x.type === "complete"));
    expect(client.messages.find((m) => m.id === "1" && m.type === "next")?.payload).toMatchObject({ data: { territory: { name: "Puy-de-Dôme" } } });
    client.send({ id: "2", type: "subscribe", payload: { query: SMALL } });
    const closed = await client.closedWith;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/^Too many requests: retry in \d+ s$/);
    // The same bucket over HTTP.
    expect((await post(hub.gatewayUrl, SMALL, { authorization: `Bearer ${key}` })).status).toBe(429);
    // A new socket past the rate is refused at connection_init.
    const again = new RawClient(hub.gatewayUrl);
    await again.opened();
    again.send({ type: "connection_init", payload: { authorization: `Bearer ${key}` } });
    expect(await again.closed).toBe(4429);
  });

  it("applies a key's own cost budget instead of the gateway's", async () => {
    const frugal = await createKey("maxOperationCost: 5");
    const plain = await createKey("");
    const page = `{ projects(first: 10) { edges { node { id title } } } }`;
    // The gateway's budget first: the same operation, passed under it, is checked again under the key's own.
    expect((await post(hub.gatewayUrl, page, { authorization: `Bearer ${plain.key}` })).errors).toBeUndefined();
    const refused = await post(hub.gatewayUrl, page, { authorization: `Bearer ${frugal.key}` });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: { name: "cost", max: 5 } });
    expect((await post(hub.gatewayUrl, page, { authorization: `Bearer ${plain.key}` })).errors).toBeUndefined();
  });

  it("refuses out-of-range settings when the key is created", async () => {
    for (const settings of ["requestsPerMinute: 0", "requestsPerMinute: 60001", "maxOperationCost: -1"]) {
      const response = await hub.query(`mutation { createApiKey(input: { name: "P", scopes: ["projects:read"], ${settings} }) { key } }`, {}, nadia);
      expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});
