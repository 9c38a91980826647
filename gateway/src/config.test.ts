import { DEFAULT_LIMITS, DEFAULT_RATE_LIMITS, readGatewayConfig } from "./config";

const DEV = { HUB_MODE: "development" };
const PRODUCTION = { HUB_MODE: "production", SESSION_SECRET: "s".repeat(32), INTERNAL_TOKEN_SECRET: "i".repeat(32) };

describe("readGatewayConfig: operation and WebSocket limits", () => {
  it("has the documented defaults", () => {
    const config = readGatewayConfig(DEV);
    expect([config.limits, config.webSocket]).toEqual([
      { maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxDirectives: 50, maxTokens: 5000, maxCost: 10_000, defaultPageSize: 20, listFactor: 10 },
      { maxPayloadBytes: 262_144, initTimeoutMs: 3000, maxSubscriptionsPerConnection: 50, maxSubscriptionsPerViewer: 200, maxSubscriptionsPerApiKey: 500, maxBufferedBytes: 4_194_304 },
    ]);
  });

  it("reads each from the environment", () => {
    const config = readGatewayConfig({ ...DEV, QUERY_MAX_DEPTH: "8", QUERY_MAX_COST: "500", WS_MAX_SUBSCRIPTIONS_PER_VIEWER: "1000" });
    expect([config.limits?.maxDepth, config.limits?.maxCost, config.webSocket.maxSubscriptionsPerViewer]).toEqual([8, 500, 1000]);
  });

  it("turns the operation limits off outside production only", () => {
    expect(readGatewayConfig({ ...DEV, QUERY_LIMITS: "off" }).limits).toBeNull();
    expect(readGatewayConfig({ ...PRODUCTION }).limits).toEqual(DEFAULT_LIMITS);
    expect(() => readGatewayConfig({ ...PRODUCTION, QUERY_LIMITS: "off" })).toThrow("invalid configuration: QUERY_LIMITS=off is refused in production");
  });

  it("lists every bad value at once", () => {
    expect(() => readGatewayConfig({ ...DEV, QUERY_MAX_DEPTH: "0", WS_MAX_PAYLOAD_BYTES: "big" })).toThrow(
      'invalid configuration: QUERY_MAX_DEPTH must be an integer between 1 and 1000 (got "0"); WS_MAX_PAYLOAD_BYTES must be an integer between 1024 and 104857600 (got "big")',
    );
  });
});

describe("readGatewayConfig: subgraph timeout", () => {
  it("waits 10 s by default, SUBGRAPH_TIMEOUT_MS otherwise, and refuses a bad value", () => {
    expect(readGatewayConfig(DEV).subgraphTimeoutMs).toBe(10_000);
    expect(readGatewayConfig({ ...DEV, SUBGRAPH_TIMEOUT_MS: "1500" }).subgraphTimeoutMs).toBe(1500);
    expect(() => readGatewayConfig({ ...DEV, SUBGRAPH_TIMEOUT_MS: "0" })).toThrow("SUBGRAPH_TIMEOUT_MS must be an integer between 1 and 600000");
  });
});

describe("readGatewayConfig: logs and metrics", () => {
  it("logs at info by default, LOG_LEVEL otherwise; METRICS_TOKEN is optional, at least 32 characters when set", () => {
    expect([readGatewayConfig(DEV).logLevel, readGatewayConfig(DEV).metricsToken]).toEqual(["info", null]);
    expect(readGatewayConfig({ ...DEV, LOG_LEVEL: "warn", METRICS_TOKEN: "m".repeat(32) })).toMatchObject({ logLevel: "warn", metricsToken: "m".repeat(32) });
    expect(() => readGatewayConfig({ ...DEV, LOG_LEVEL: "verbose", METRICS_TOKEN: "short" })).toThrow("METRICS_TOKEN: at least 32 characters");
    expect(() => readGatewayConfig({ ...DEV, LOG_LEVEL: "verbose" })).toThrow("LOG_LEVEL");
  });
});

describe("readGatewayConfig: rate limits, the gateway's database, hot reload", () => {
  it("limits every caller by default, with no database (buckets in memory) and a 2 s supergraph watch", () => {
    const config = readGatewayConfig(PRODUCTION);
    expect(config.rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    expect(DEFAULT_RATE_LIMITS).toEqual({ anonymousPerMinute: 60, personPerMinute: 600, apiKeyPerMinute: 600 });
    expect([config.databaseUrl, config.trustProxyHops, config.supergraphWatchMs]).toEqual([null, 0, 2000]);
  });

  it("reads them from the environment, and turns rate limits off outside production only", () => {
    const config = readGatewayConfig({ ...DEV, RATE_LIMIT_ANONYMOUS_PER_MINUTE: "10", GATEWAY_DATABASE_URL: "postgres://gw@db/gateway", TRUST_PROXY_HOPS: "1", SUPERGRAPH_WATCH_MS: "0" });
    expect([config.rateLimits?.anonymousPerMinute, config.databaseUrl, config.trustProxyHops, config.supergraphWatchMs]).toEqual([10, "postgres://gw@db/gateway", 1, 0]);
    expect(readGatewayConfig({ ...DEV, RATE_LIMITS: "off" }).rateLimits).toBeNull();
    expect(() => readGatewayConfig({ ...PRODUCTION, RATE_LIMITS: "off" })).toThrow("RATE_LIMITS=off is refused in production");
    expect(() => readGatewayConfig({ ...DEV, RATE_LIMIT_PERSON_PER_MINUTE: "0" })).toThrow("RATE_LIMIT_PERSON_PER_MINUTE must be an integer between 1 and 1000000");
  });
});

describe("readGatewayConfig: Redis and the gateway's database in production", () => {
  const STRONG = "r".repeat(32);

  it("keeps buckets without Redis by default, and reads REDIS_URL and REDIS_KEY_PREFIX", () => {
    expect(readGatewayConfig(PRODUCTION)).toMatchObject({ redisUrl: null, redisKeyPrefix: "hub:" });
    expect(readGatewayConfig({ ...DEV, REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: "hub-a:" })).toMatchObject({ redisUrl: "redis://127.0.0.1:6379", redisKeyPrefix: "hub-a:" });
    expect(readGatewayConfig({ ...PRODUCTION, REDIS_URL: `rediss://:${STRONG}@cache.internal:6380/0` }).redisUrl).toBe(`rediss://:${STRONG}@cache.internal:6380/0`);
    expect(readGatewayConfig({ ...PRODUCTION, REDIS_URL: `redis://gateway:${STRONG}@cache.internal` }).redisUrl).toBe(`redis://gateway:${STRONG}@cache.internal`);
  });

  it("refuses in production a REDIS_URL without a password, with a short or a published one", () => {
    expect(() => readGatewayConfig({ ...PRODUCTION, REDIS_URL: "redis://cache.internal:6379" })).toThrow("REDIS_URL has no password: production requires one of at least 32 characters");
    expect(() => readGatewayConfig({ ...PRODUCTION, REDIS_URL: "redis://gateway@cache.internal:6379" })).toThrow("REDIS_URL has no password");
    expect(() => readGatewayConfig({ ...PRODUCTION, REDIS_URL: "redis://:short-password@cache.internal" })).toThrow("REDIS_URL has a password shorter than 32 characters");
    expect(() => readGatewayConfig({ ...PRODUCTION, REDIS_URL: "redis://:xxxxxxxx-DEV-ONLY-xxxxxxxxxxxxxxxxxxxxxxxxxx@cache.internal" })).toThrow(
      "REDIS_URL has a development or test password published in the repository",
    );
    // Outside production a local Redis without a password is fine.
    expect(readGatewayConfig({ ...DEV, REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl).toBe("redis://127.0.0.1:6379");
  });

  it("refuses a REDIS_URL that is not a Redis URL, in any mode", () => {
    expect(() => readGatewayConfig({ ...DEV, REDIS_URL: "http://cache:6379" })).toThrow("REDIS_URL must be a redis:// or rediss:// URL (got http://)");
    expect(() => readGatewayConfig({ ...DEV, REDIS_URL: "not a url" })).toThrow('REDIS_URL must be a URL (got "not a url")');
  });

  it("checks GATEWAY_DATABASE_URL's password in production as the subgraphs' DATABASE_URL: none (certificate, .pgpass) or a strong one", () => {
    expect(readGatewayConfig({ ...PRODUCTION, GATEWAY_DATABASE_URL: "postgres://gateway@db/gateway" }).databaseUrl).toBe("postgres://gateway@db/gateway");
    expect(readGatewayConfig({ ...PRODUCTION, GATEWAY_DATABASE_URL: `postgres://gateway:${STRONG}@db/gateway` }).databaseUrl).toBe(`postgres://gateway:${STRONG}@db/gateway`);
    expect(() => readGatewayConfig({ ...PRODUCTION, GATEWAY_DATABASE_URL: "postgres://gateway:short@db/gateway" })).toThrow("GATEWAY_DATABASE_URL has a password shorter than 32 characters");
    expect(() => readGatewayConfig({ ...PRODUCTION, GATEWAY_DATABASE_URL: "postgres://postgres:postgres@db/gateway" })).toThrow(
      "GATEWAY_DATABASE_URL has a development or test password published in the repository",
    );
    expect(() => readGatewayConfig({ ...DEV, GATEWAY_DATABASE_URL: "mysql://db/gateway" })).toThrow("GATEWAY_DATABASE_URL must be a postgres:// or postgresql:// URL (got mysql://)");
    // Outside production, the local servers' passwords are fine.
    expect(readGatewayConfig({ ...DEV, GATEWAY_DATABASE_URL: "postgres://postgres:postgres@127.0.0.1/gateway" }).databaseUrl).toBe("postgres://postgres:postgres@127.0.0.1/gateway");
  });

  it("lists the Redis and database problems with the others at once", () => {
    expect(() => readGatewayConfig({ ...PRODUCTION, REDIS_URL: "redis://cache", GATEWAY_DATABASE_URL: "postgres://gw:short@db/gateway", RATE_LIMITS: "off" })).toThrow(
      "invalid configuration: RATE_LIMITS=off is refused in production; GATEWAY_DATABASE_URL has a password shorter than 32 characters; REDIS_URL has no password: production requires one of at least 32 characters",
    );
  });
});
