import { listen, retryAfterMs, type RunningServer } from "@hub/kit";
import { GraphQLError } from "graphql";
import { AidesTerritoiresClient, type AidSearchCriteria, type AidesTerritoiresClientOptions } from "../src/clients/aides-territoires.client";
import { createAidesTerritoiresStandIn, type StandIn } from "../src/stand-in";

const KEY = "key-for-tests";
const CLERMONT: AidSearchCriteria = { perimeterId: 95861, audience: "commune", categorySlugs: ["eau-potable"], stepSlugs: [] };

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return (error as GraphQLError).extensions.code;
};

describe("Aides-Territoires client: retries, Retry-After, circuit breaker, token renewal, conditional requests", () => {
  let standIn: StandIn;
  let server: RunningServer;
  let base: string;
  const client = (options: Partial<AidesTerritoiresClientOptions> = {}) => new AidesTerritoiresClient({ baseUrl: base, apiKey: KEY, backoffMs: 5, ...options });
  beforeAll(async () => {
    standIn = createAidesTerritoiresStandIn({ apiKey: KEY });
    server = await listen({ app: standIn.app, close: async () => {} }, 0, "127.0.0.1", "/api/");
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    standIn.clearFaults();
    standIn.resetStats();
  });

  it.each([
    ["a 500", { kind: "error", status: 500 }],
    ["a 503", { kind: "error", status: 503 }],
    ["a malformed body", { kind: "malformed" }],
    ["a reset connection", { kind: "reset" }],
  ] as const)("retries after %s and gets the answer", async (_label, fault) => {
    const c = client();
    standIn.inject({ fault, times: 2 });
    const answer = await c.searchAids(CLERMONT, 1);
    expect(answer.notModified).toBe(false);
    expect(c.stats.retries).toBe(2);
    expect(standIn.stats.aidSearches).toBe(1);
  });

  it("gives up after its retries with UPSTREAM_UNAVAILABLE", async () => {
    const c = client({ retries: 2 });
    standIn.inject({ fault: { kind: "error", status: 502 } });
    expect(await codeOf(c.searchAids(CLERMONT, 1))).toBe("UPSTREAM_UNAVAILABLE");
    // One login, then three attempts.
    expect(standIn.stats.dataRequests).toBe(3);
  });

  it("waits as long as Retry-After says, and gives up at once when it asks for longer than the cap", async () => {
    const c = client();
    standIn.inject({ fault: { kind: "rate-limit", retryAfterSeconds: 1 }, times: 1 });
    const started = Date.now();
    await c.searchAids(CLERMONT, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    standIn.inject({ fault: { kind: "rate-limit", retryAfterSeconds: 120 }, times: 1 });
    const before = standIn.stats.dataRequests;
    expect(await codeOf(c.searchAids(CLERMONT, 1))).toBe("UPSTREAM_UNAVAILABLE");
    expect(standIn.stats.dataRequests - before).toBe(1);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(30_000);
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("times out a slow answer (per attempt) and retries", async () => {
    const c = client({ timeoutMs: 200, retries: 1 });
    standIn.inject({ fault: { kind: "slow", delayMs: 1000 }, times: 1 });
    const answer = await c.searchAids(CLERMONT, 1);
    expect(answer.notModified).toBe(false);
    expect(c.stats.retries).toBe(1);
  });

  it("opens the circuit after repeated failures, refuses calls without sending them, then lets one trial through", async () => {
    const c = client({ retries: 0, breaker: { failureThreshold: 3, cooldownMs: 300 } });
    await c.searchAids(CLERMONT, 1); // logged in
    standIn.inject({ fault: { kind: "error", status: 500 } });
    for (let i = 0; i < 3; i++) expect(await codeOf(c.searchAids(CLERMONT, 1))).toBe("UPSTREAM_UNAVAILABLE");
    expect(c.breaker.state).toBe("open");
    const sent = standIn.stats.dataRequests;
    expect(await codeOf(c.searchAids(CLERMONT, 1))).toBe("UPSTREAM_UNAVAILABLE");
    expect(standIn.stats.dataRequests).toBe(sent);
    expect(c.stats.shortCircuited).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(c.breaker.state).toBe("half-open");
    // The trial fails: open again, for another cooldown.
    expect(await codeOf(c.searchAids(CLERMONT, 1))).toBe("UPSTREAM_UNAVAILABLE");
    expect(c.breaker.state).toBe("open");
    standIn.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await c.searchAids(CLERMONT, 1)).notModified).toBe(false);
    expect(c.breaker.state).toBe("closed");
  });

  it("renews the JWT once on a 401, and reports a second 401 as UPSTREAM_UNAVAILABLE", async () => {
    const c = client();
    await c.searchAids(CLERMONT, 1);
    expect(standIn.stats.logins).toBe(1);
    standIn.inject({ fault: { kind: "unauthorized" }, times: 1 });
    await c.searchAids(CLERMONT, 1);
    expect(standIn.stats.logins).toBe(2);
    standIn.inject({ fault: { kind: "unauthorized" }, times: 2 });
    expect(await codeOf(c.searchAids(CLERMONT, 1))).toBe("UPSTREAM_UNAVAILABLE");
    expect(standIn.stats.logins).toBe(3);
  });

  it("sends If-None-Match with a known ETag and gets a 304 until the aid changes", async () => {
    const c = client();
    const first = await c.searchAids(CLERMONT, 1);
    if (first.notModified) throw new Error("expected a body");
    expect(first.etag).toMatch(/^".+"$/);
    expect((await c.searchAids(CLERMONT, 1, { etag: first.etag })).notModified).toBe(true);
    expect(standIn.stats.notModified).toBe(1);
    standIn.renameAid(first.body.results[0].id, "Aide renommée");
    const changed = await c.searchAids(CLERMONT, 1, { etag: first.etag });
    expect(changed.notModified).toBe(false);
    if (!changed.notModified) expect(changed.body.results[0].name).toBe("Aide renommée");
  });

  it("is controlled over HTTP too: faults and stats", async () => {
    const refused = await fetch(`${base}/__stand-in/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ fault: { kind: "nope" } }) });
    expect(refused.status).toBe(400);
    await fetch(`${base}/__stand-in/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ fault: { kind: "error", status: 500 }, times: 1 }) });
    const c = client();
    await c.searchAids(CLERMONT, 1);
    const stats = (await (await fetch(`${base}/__stand-in/stats`)).json()) as Record<string, number>;
    expect(stats).toMatchObject({ logins: 1, aidSearches: 1, faultsServed: 1, dataRequests: 2 });
  });
});
