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

  /** hub_gateway_rate_limit_refusals_total by "<caller>/<transport>/<limit>", from a replica's /metrics. */
  const refusals = async (origin = hub.origin): Promise<Record<string, number>> => {
    const text = await (await fetch(`${origin}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const [, labels, value] of text.matchAll(/^hub_gateway_rate_limit_refusals_total\{([^}]*)\} (\d+)$/gm)) {
      const label = Object.fromEntries([...labels.matchAll(/(\w+)="(\w+)"/g)].map(([, name, v]) => [name, v]));
      counts[`${label.caller}/${label.transport}/${label.limit}`] = Number(value);
    }
    return counts;
  };
  /** The refusals counted since `before`. */
  const refusedSince = async (before: Record<string, number>): Promise<Record<string, number>> =>
    Object.fromEntries(Object.entries(await refusals()).flatMap(([series, count]) => (count > (before[series] ?? 0) ? [[series, count - (before[series] ?? 0)]] : [])));

  /** A programme's key created by ANCT, with its own settings. */
  const createKey = async (settings: string): Promise<{ key: string; id: string }> => {
    const created = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Programme", scopes: ["projects:read"] ${settings} }) { key apiKey { id requestsPerMinute maxOperationCost costPerMinute } } }`,
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
    const before = await refusals();
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
    // Both refusals counted in /metrics, by kind of caller and transport.
    expect(await refusedSince(before)).toEqual({ "ip/http/rate": 2 });
  });

  it("shares a key's bucket between two gateway replicas on one database", async () => {
    const { key, id } = await createKey("requestsPerMinute: 4");
    const replica = await hub.startGateway();
    const before = await refusals();
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
    // Each replica counts its own refusals: one here.
    expect(await refusedSince(before)).toEqual({ "key/http/rate": 1 });
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
    const before = await refusals();
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
    expect(await refusedSince(before)).toEqual({ "key/ws/rate": 2, "key/http/rate": 1 });
  });

  it("counts a person's refusals apart", async () => {
    // A hub where a person may send 2 requests a minute.
    const strict = await startHub({ gatewayEnv: { RATE_LIMIT_PERSON_PER_MINUTE: "2" } });
    try {
      const token = await strict.token(NADIA);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(strict.gatewayUrl, SMALL, { authorization: `Bearer ${token}` })).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect(await refusals(strict.origin)).toEqual({ "person/http/rate": 1 });
    } finally {
      await strict.stop();
    }
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

  it("takes each operation's cost from a key's budget per minute, shared by the replicas: 429 then 4429, COST_BUDGET_EXCEEDED", async () => {
    const page = `{ projects(first: 10) { edges { node { id title } } } }`;
    // The page's cost as the gateway measures it: a key allowed a cost of 1 per operation is told.
    const probe = await createKey("maxOperationCost: 1");
    const cost = (await post(hub.gatewayUrl, page, { authorization: `Bearer ${probe.key}` })).errors![0].extensions!.limit as { actual: number };
    expect(cost.actual).toBeGreaterThan(1);
    // Room for one page a minute: the bucket refills the page's cost over a minute, so the next page waits for it.
    const { key } = await createKey(`costPerMinute: ${cost.actual}`);
    const auth = { authorization: `Bearer ${key}` };
    const replica = await hub.startGateway();
    const before = await refusals();
    expect((await post(hub.gatewayUrl, page, auth)).errors).toBeUndefined();
    // The other replica draws from the same budget.
    const refused = await post(replica.url, page, auth);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(["COST_BUDGET_EXCEEDED"]);
    expect(refused.errors![0].message).toMatch(/^Cost budget of \d+ a minute spent: retry in \d+ s$/);
    // The missing part of the cost comes back at the budget's pace (a minute for all of it).
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.errors![0].extensions).toMatchObject({ cost: cost.actual, costPerMinute: cost.actual, retryAfterSeconds: Number(refused.retryAfter) });
    expect(await refusals(`http://127.0.0.1:${replica.port}`)).toMatchObject({ "key/http/cost": 1 });
    expect(await refusedSince(before)).toEqual({});
    // Over a socket, the same budget: the socket is closed with 4429.
    const client = new RawClient(hub.gatewayUrl);
    await client.init(key);
    client.send({ id: "1", type: "subscribe", payload: { query: page } });
    const closed = await client.closedWith;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/^Cost budget of \d+ a minute spent: retry in \d+ s$/);
    expect(await refusedSince(before)).toEqual({ "key/ws/cost": 1 });
    // An operation that costs more than the whole budget is refused for good (400, no Retry-After).
    const tiny = await createKey("costPerMinute: 1");
    const never = await post(hub.gatewayUrl, page, { authorization: `Bearer ${tiny.key}` });
    expect([never.status, never.retryAfter, codes(never)]).toEqual([400, null, ["COST_BUDGET_EXCEEDED"]]);
  });

  it("refuses out-of-range settings when the key is created", async () => {
    for (const settings of ["requestsPerMinute: 0", "requestsPerMinute: 60001", "maxOperationCost: -1", "costPerMinute: 0", "costPerMinute: 10000001"]) {
      const response = await hub.query(`mutation { createApiKey(input: { name: "P", scopes: ["projects:read"], ${settings} }) { key } }`, {}, nadia);
      expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});
