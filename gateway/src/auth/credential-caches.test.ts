import { ANONYMOUS, type Viewer } from "@hub/kit";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiKeyAuthenticator } from "./api-keys";
import { SessionChecker } from "./session-checker";

/** A people-territories stand-in over HTTP: counts the calls, answers with `answer(variables)`. */
class PeopleTerritories {
  readonly calls: Record<string, unknown>[] = [];
  failing = false;
  private server!: Server;
  url = "";

  constructor(private readonly answer: (variables: Record<string, unknown>) => unknown) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const { variables } = JSON.parse(body) as { variables: Record<string, unknown> };
        this.calls.push(variables);
        response.writeHead(this.failing ? 500 : 200, { "content-type": "application/json" });
        response.end(JSON.stringify(this.failing ? { errors: [{ message: "down" }] } : { data: this.answer(variables) }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SECRET = "s".repeat(40);
// The cache lifetimes here are a second: long enough that a loaded machine answers the first calls well within it.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = (n: number) => `hubk_${String(n).padStart(12, "0")}_${"a".repeat(43)}`;

describe("ApiKeyAuthenticator's cache", () => {
  const known = new Set([key(1), key(2), key(3)]);
  const stand = new PeopleTerritories((v) => ({ apiKeyIdentity: known.has(v.key as string) ? { apiKeyId: String(v.key), scopes: ["projects:read", "not-a-scope"] } : null }));
  beforeAll(() => stand.start());
  afterAll(() => stand.stop());
  beforeEach(() => (stand.calls.length = 0));

  it("answers a known key as a programme with its valid scopes, an unknown one with null, and a malformed one without asking", async () => {
    const keys = new ApiKeyAuthenticator({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET });
    expect(await keys.viewer(key(1))).toEqual({ ...ANONYMOUS, roles: ["PROGRAMME"], scopes: ["projects:read"] });
    expect(await keys.viewer(key(9))).toBeNull();
    expect(await keys.viewer("hubk_nope")).toBeNull();
    expect(stand.calls.map((v) => v.key)).toEqual([key(1), key(9)]);
  });

  it("reuses an answer (null ones too) until cacheMs has passed, then asks again", async () => {
    const keys = new ApiKeyAuthenticator({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET, cacheMs: 1_000 });
    await keys.viewer(key(1));
    await keys.viewer(key(9));
    await keys.viewer(key(1));
    await keys.viewer(key(9));
    expect(stand.calls).toHaveLength(2);
    await sleep(1_100);
    await keys.viewer(key(1));
    expect(stand.calls).toHaveLength(3);
  });

  it("asks every time with cacheMs 0", async () => {
    const keys = new ApiKeyAuthenticator({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET, cacheMs: 0 });
    for (let i = 0; i < 3; i++) await keys.viewer(key(1));
    expect(stand.calls).toHaveLength(3);
  });

  it("drops the least recently used key when full, not the oldest", async () => {
    const keys = new ApiKeyAuthenticator({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET, cacheSize: 2 });
    await keys.viewer(key(1));
    await keys.viewer(key(2));
    await keys.viewer(key(1)); // used again: key 2 is now the least recently used
    await keys.viewer(key(3)); // evicts key 2
    expect(stand.calls.map((v) => v.key)).toEqual([key(1), key(2), key(3)]);
    await keys.viewer(key(1));
    await keys.viewer(key(2));
    expect(stand.calls.map((v) => v.key)).toEqual([key(1), key(2), key(3), key(2)]);
  });

  it("remembers nothing when people-territories fails", async () => {
    const keys = new ApiKeyAuthenticator({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET });
    stand.failing = true;
    await expect(keys.viewer(key(1))).rejects.toMatchObject({ extensions: { code: "UPSTREAM_UNAVAILABLE" } });
    stand.failing = false;
    expect(await keys.viewer(key(1))).not.toBeNull();
    expect(stand.calls).toHaveLength(2);
  });
});

describe("SessionChecker's cache", () => {
  const person = (n: number, role: Viewer["roles"][number] = "STATE_AGENT"): Viewer => ({
    ...ANONYMOUS,
    personId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    organizationId: "DDT:63",
    roles: [role],
  });
  /** Person 2 is suspended; everyone else is current. */
  const stand = new PeopleTerritories((v) => ({ sessionStatus: (v.sessions as { personId: string }[]).map((s) => !s.personId.endsWith("2")) }));
  beforeAll(() => stand.start());
  afterAll(() => stand.stop());
  beforeEach(() => (stand.calls.length = 0));
  const asked = () => stand.calls.map((v) => (v.sessions as { personId: string }[]).map((s) => Number(s.personId.slice(-12))));

  it("asks about the missing sessions in one call, each once, and answers in the order given", async () => {
    const sessions = new SessionChecker({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET });
    expect(await sessions.areCurrent([person(1), person(2), person(1), person(3)])).toEqual([true, false, true, true]);
    expect(asked()).toEqual([[1, 2, 3]]);
    expect(await sessions.areCurrent([person(3), person(4)])).toEqual([true, true]);
    expect(asked()).toEqual([[1, 2, 3], [4]]);
  });

  it("answers a viewer that cannot be a session (no person, two roles) false without asking", async () => {
    const sessions = new SessionChecker({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET });
    expect(
      await sessions.areCurrent([
        { ...person(1), personId: null },
        { ...person(1), roles: ["STATE_AGENT", "EXPERT"] },
      ]),
    ).toEqual([false, false]);
    expect(stand.calls).toHaveLength(0);
  });

  it("shares an answer still awaited, reuses it until cacheMs has passed, and asks again when fresh", async () => {
    const sessions = new SessionChecker({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET, cacheMs: 1_000 });
    expect(await Promise.all([sessions.isCurrent(person(1)), sessions.isCurrent(person(1))])).toEqual([true, true]);
    expect(stand.calls).toHaveLength(1);
    await sessions.areCurrent([person(1)], true);
    expect(stand.calls).toHaveLength(2);
    await sleep(1_100);
    await sessions.isCurrent(person(1));
    expect(stand.calls).toHaveLength(3);
  });

  it("asks every time with cacheMs 0", async () => {
    const sessions = new SessionChecker({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET, cacheMs: 0 });
    expect(await sessions.areCurrent([person(1), person(1)])).toEqual([true, true]);
    expect(await sessions.isCurrent(person(2))).toBe(false);
    await sessions.isCurrent(person(1));
    expect(asked()).toEqual([[1], [2], [1]]);
  });

  it("drops the least recently used session when full", async () => {
    const sessions = new SessionChecker({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET, cacheSize: 2 });
    for (const n of [1, 2, 1, 3, 1, 2]) await sessions.isCurrent(person(n));
    expect(asked()).toEqual([[1], [2], [3], [2]]);
  });

  it("does not remember a check people-territories failed to answer", async () => {
    const sessions = new SessionChecker({ peopleTerritoriesUrl: stand.url, internalTokenSecret: SECRET });
    stand.failing = true;
    await expect(sessions.isCurrent(person(1))).rejects.toMatchObject({ extensions: { code: "UPSTREAM_UNAVAILABLE" } });
    stand.failing = false;
    expect(await sessions.isCurrent(person(1))).toBe(true);
    expect(stand.calls).toHaveLength(2);
  });
});
