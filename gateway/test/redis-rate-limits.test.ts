import { codes, NADIA, startHub, type GraphQLResponse, type Hub } from "@hub/testing";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { Client } from "pg";

/**
 * The rate limits with REDIS_URL: the same buckets and cost budgets as in PostgreSQL
 * (rate-limits.test.ts), kept in Redis, and the fallback chain Redis → PostgreSQL → memory. The
 * suite needing a Redis runs against REDIS_URL when the environment gives one, else against a
 * `redis-server` it starts (when one is on PATH), else is skipped, saying so. The fallback to
 * PostgreSQL from an unreachable Redis needs none.
 */

const SMALL = `{ territory(id: "DEPARTEMENT:63") { name } }`;
const PAGE = `{ projects(first: 10) { edges { node { id title } } } }`;

interface Answer extends GraphQLResponse {
  retryAfter: string | null;
}

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...((await response.json()) as object) };
}

/** A port nothing listens on (taken, then freed). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Where the rate limits are, from a replica's /health. */
async function store(origin: string): Promise<{ configured: string[]; current: string } | undefined> {
  return ((await (await fetch(`${origin}/health`)).json()) as { rateLimits?: { configured: string[]; current: string } }).rateLimits;
}

/** A sample of a replica's /metrics, by its labels (e.g. `store="postgres"`), or 0. */
async function metric(origin: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

/** The gateway's rows in PostgreSQL for a bucket key. */
async function postgresBucket(databaseUrl: string, key: string): Promise<{ tokens: number; allowed: boolean }[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query<{ tokens: number; allowed: boolean }>("SELECT tokens, allowed FROM rate_bucket WHERE key = $1", [key])).rows;
  } finally {
    await db.end();
  }
}

/** A Redis for the suite: REDIS_URL's, or a redis-server started on a free port, or none. */
function redisAvailable(): "env" | "binary" | null {
  if (process.env.REDIS_URL) return "env";
  return spawnSync("redis-server", ["--version"]).status === 0 ? "binary" : null;
}

class RedisServer {
  private process: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    this.process = child;
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    for (let tries = 0; ; tries++) {
      try {
        await client.connect();
        await client.ping();
        client.disconnect();
        return;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  }
}

const available = redisAvailable();
if (!available) console.log("redis-rate-limits: SKIPPED the Redis suite: no REDIS_URL and no redis-server on PATH (the fallback suite still runs)");
const describeWithRedis = available ? describe : describe.skip;

describeWithRedis("rate limits and cost budgets in Redis (REDIS_URL)", () => {
  let hub: Hub;
  let nadia: string;
  let redis: Redis;
  let server: RedisServer | null = null;
  let redisUrl: string;
  // A prefix of the run's own, so that a shared Redis is not disturbed (its keys are deleted at the end).
  const prefix = `hub-test-${randomBytes(4).toString("hex")}:`;

  const createKey = async (settings: string): Promise<{ key: string; id: string }> => {
    const created = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Programme", scopes: ["projects:read"] ${settings} }) { key apiKey { id } } }`,
      {},
      nadia,
    );
    expect(created.errors).toBeUndefined();
    return { key: created.data!.createApiKey.key, id: created.data!.createApiKey.apiKey.id };
  };

  beforeAll(async () => {
    if (available === "binary") {
      server = new RedisServer(await freePort());
      await server.start();
      redisUrl = server.url;
    } else {
      redisUrl = process.env.REDIS_URL!;
    }
    console.log(`redis-rate-limits: against ${available === "binary" ? `a redis-server started on port ${server!.port}` : "REDIS_URL"}`);
    redis = new Redis(redisUrl, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
    hub = await startHub({
      gatewayDatabase: true,
      gatewayEnv: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_ANONYMOUS_PER_MINUTE: "3", TRUST_PROXY_HOPS: "1" },
    });
    nadia = await hub.token(NADIA);
  });

  afterAll(async () => {
    await hub.stop();
    if (server) await server.stop();
    else {
      // Only this run's keys (the client's prefix is not applied to SCAN's pattern nor to the keys it returns).
      const unprefixed = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      const keys = await unprefixed.keys(`${prefix}*`);
      if (keys.length > 0) await unprefixed.del(...keys);
      unprefixed.disconnect();
    }
    redis.disconnect();
  });

  it("refuses an anonymous address past its rate with 429 and Retry-After, its bucket a Redis hash that expires once full again", async () => {
    const from = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 3; i++) expect((await post(hub.gatewayUrl, SMALL, from)).status).toBe(200);
    const refused = await post(hub.gatewayUrl, SMALL, from);
    expect([refused.status, codes(refused)]).toEqual([429, ["RATE_LIMITED"]]);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(20);
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBe(Number(refused.retryAfter));
    // Another address has its own bucket.
    expect((await post(hub.gatewayUrl, SMALL, { "x-forwarded-for": "203.0.113.8" })).status).toBe(200);
    // The bucket is in Redis under the prefix, not in PostgreSQL.
    const bucket = await redis.hgetall("address:203.0.113.7");
    expect(Number(bucket.tokens)).toBeLessThan(1);
    expect(Number(bucket.at)).toBeGreaterThan(0);
    // Full again within a minute at 3 a minute (plus a second of margin): the key goes then.
    const ttl = await redis.pttl("address:203.0.113.7");
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
    expect(await postgresBucket(hub.gatewayDatabaseUrl!, "address:203.0.113.7")).toEqual([]);
    expect(await store(hub.origin)).toEqual({ configured: ["redis", "postgres", "memory"], current: "redis" });
    expect(await metric(hub.origin, "hub_gateway_rate_limit_store", 'store="redis"')).toBe(1);
  });

  it("shares a key's bucket between two gateway replicas", async () => {
    const { key, id } = await createKey("requestsPerMinute: 4");
    const replica = await hub.startGateway();
    const auth = { authorization: `Bearer ${key}` };
    for (const url of [hub.gatewayUrl, replica.url, hub.gatewayUrl, replica.url]) expect((await post(url, SMALL, auth)).status).toBe(200);
    for (const url of [replica.url, hub.gatewayUrl]) {
      const refused = await post(url, SMALL, auth);
      expect([refused.status, codes(refused)]).toEqual([429, ["RATE_LIMITED"]]);
    }
    expect(Number((await redis.hgetall(`apikey:${id}`)).tokens)).toBeLessThan(1);
  });

  it("takes each operation's cost from a key's budget per minute, shared by the replicas", async () => {
    const probe = await createKey("maxOperationCost: 1");
    const cost = ((await post(hub.gatewayUrl, PAGE, { authorization: `Bearer ${probe.key}` })).errors![0].extensions!.limit as { actual: number }).actual;
    const { key, id } = await createKey(`costPerMinute: ${cost}`);
    const auth = { authorization: `Bearer ${key}` };
    const replica = await hub.startGateway();
    expect((await post(hub.gatewayUrl, PAGE, auth)).errors).toBeUndefined();
    const refused = await post(replica.url, PAGE, auth);
    expect([refused.status, codes(refused)]).toEqual([429, ["COST_BUDGET_EXCEEDED"]]);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(Number((await redis.hgetall(`cost:apikey:${id}`)).tokens)).toBeLessThan(cost);
  });

  // Needs a Redis of the test's own to stop and start again.
  (available === "binary" ? it : it.skip)("falls back to PostgreSQL while Redis is down, limits still shared, and comes back to Redis when it answers", async () => {
    await server!.stop();
    const from = { "x-forwarded-for": "203.0.113.20" };
    const fallbacksBefore = await metric(hub.origin, "hub_gateway_rate_limit_store_fallbacks_total", 'store="redis"');
    const replica = await hub.startGateway();
    // 3 a minute across both replicas: in PostgreSQL now.
    for (const url of [hub.gatewayUrl, replica.url, hub.gatewayUrl]) expect((await post(url, SMALL, from)).status).toBe(200);
    expect((await post(replica.url, SMALL, from)).status).toBe(429);
    expect((await postgresBucket(hub.gatewayDatabaseUrl!, "address:203.0.113.20"))[0]).toMatchObject({ allowed: false });
    expect(await store(hub.origin)).toEqual({ configured: ["redis", "postgres", "memory"], current: "postgres" });
    expect(await metric(hub.origin, "hub_gateway_rate_limit_store", 'store="postgres"')).toBe(1);
    expect(await metric(hub.origin, "hub_gateway_rate_limit_store_fallbacks_total", 'store="redis"')).toBeGreaterThan(fallbacksBefore);

    // Redis back (empty: a restart without persistence): the next takes after the reconnection go there.
    await server!.start();
    const from2 = { "x-forwarded-for": "203.0.113.21" };
    const deadline = Date.now() + 15_000;
    while ((await store(hub.origin))?.current !== "redis") {
      if (Date.now() > deadline) throw new Error("the gateway did not come back to Redis within 15 s");
      await post(hub.gatewayUrl, SMALL, from2);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await redis.exists("address:203.0.113.21")).toBe(1);
  });
});

describe("rate limits with REDIS_URL unreachable", () => {
  let hub: Hub;

  beforeAll(async () => {
    // Nothing listens on the port: every take falls to the gateway's PostgreSQL database.
    hub = await startHub({ gatewayDatabase: true, gatewayEnv: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RATE_LIMIT_ANONYMOUS_PER_MINUTE: "3", TRUST_PROXY_HOPS: "1" } });
  });
  afterAll(() => hub.stop());

  it("starts, limits through PostgreSQL (shared by the replicas), and says so in /health and /metrics", async () => {
    const from = { "x-forwarded-for": "203.0.113.30" };
    const replica = await hub.startGateway();
    for (const url of [hub.gatewayUrl, replica.url, hub.gatewayUrl]) expect((await post(url, SMALL, from)).status).toBe(200);
    const refused = await post(replica.url, SMALL, from);
    expect([refused.status, codes(refused)]).toEqual([429, ["RATE_LIMITED"]]);
    expect((await postgresBucket(hub.gatewayDatabaseUrl!, "address:203.0.113.30"))[0]).toMatchObject({ allowed: false });
    expect(await store(hub.origin)).toEqual({ configured: ["redis", "postgres", "memory"], current: "postgres" });
    expect(await metric(hub.origin, "hub_gateway_rate_limit_store", 'store="redis"')).toBe(0);
    expect(await metric(hub.origin, "hub_gateway_rate_limit_store", 'store="postgres"')).toBe(1);
    expect(await metric(hub.origin, "hub_gateway_rate_limit_store_fallbacks_total", 'store="redis"')).toBeGreaterThanOrEqual(2);
  });
});
