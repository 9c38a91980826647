import { request } from "node:http";
import WebSocket from "ws";
import { CAMILLE, codes, type Hub, startHub, wsOperation } from "@hub/testing";

const INVALID_CHARACTER = { message: "Invalid character in input", extensions: { code: "BAD_USER_INPUT" } };
const NO_DETAIL = /stacktrace|at \w+ \(|SELECT|INSERT|node_modules|127\.0\.0\.1|<html|<pre/i;

describe("hardening: NUL characters, HTTP errors, uploads, headers", () => {
  let hub: Hub;
  let camille: string;
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    camille = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Maison de santé", territoryId: "COMMUNE:63113", themes: ["eau"] }) { id } }`,
      {},
      camille,
    );
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  const count = async () => (await hub.sql<{ n: number }>("projects", "SELECT (SELECT count(*) FROM project)::int + (SELECT count(*) FROM activity)::int AS n"))[0].n;

  const nul: [string, string, () => Record<string, unknown>][] = [
    ["createProject title (variables)", `mutation($t: String!) { createProject(input: { title: $t, territoryId: "COMMUNE:63113", themes: ["eau"] }) { id } }`, () => ({ t: "Maison\u0000de santé" })],
    ["createProject title (literal)", `mutation { createProject(input: { title: "Maison\\u0000", territoryId: "COMMUNE:63113", themes: ["eau"] }) { id } }`, () => ({})],
    ["territories search (variables)", `query($s: String) { territories(search: $s) { edges { node { id } } } }`, () => ({ s: "Cler\u0000mont" })],
    ["projects search (literal)", `{ projects(filter: { search: "ma\\u0000ison" }) { edges { node { id } } } }`, () => ({})],
    ["comment body (variables)", `mutation($p: ID!, $b: String!) { addComment(projectId: $p, body: $b) { id } }`, () => ({ p: projectId, b: "Bonjour\u0000" })],
    ["a NUL in an unused variable's object key", `query($s: String) { territories(search: $s) { edges { node { id } } } }`, () => ({ s: "Cler", "x\u0000": 1 })],
  ];

  it.each(nul)("a NUL in %s → BAD_USER_INPUT over HTTP, nothing written", async (_label, query, variables) => {
    const before = await count();
    const response = await hub.query(query, variables(), camille);
    expect(response).toEqual({ status: 400, errors: [INVALID_CHARACTER] });
    expect(await count()).toBe(before);
  });

  it.each(nul)("a NUL in %s → BAD_USER_INPUT over WebSocket", async (_label, query, variables) => {
    const outcome = await wsOperation(hub.gatewayUrl, query, variables(), camille);
    expect(outcome).toEqual({ results: [], errors: [INVALID_CHARACTER] });
  });

  const post = (path: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${hub.origin}${path}`, { method: "POST", headers, body }).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), body: await r.text() }));

  it.each([
    ["the gateway", () => hub.origin],
    ["a subgraph", () => new URL(hub.subgraphs.projects.url).origin],
  ])("malformed JSON on %s's /graphql → 400 JSON BAD_REQUEST, no stack", async (_label, origin) => {
    const response = await fetch(`${origin()}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{bad" });
    const text = await response.text();
    expect([response.status, response.headers.get("content-type"), JSON.parse(text)]).toEqual([
      400,
      "application/json; charset=utf-8",
      { errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] },
    ]);
    expect(text).not.toMatch(NO_DETAIL);
  });

  it.each([
    ["the gateway", () => hub.origin],
    ["a subgraph", () => new URL(hub.subgraphs.projects.url).origin],
  ])("a body over 1 MB on %s's /graphql → 413 JSON", async (_label, origin) => {
    const response = await fetch(`${origin()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ me { name } }`, pad: "x".repeat(1_100_000) }),
    });
    expect([response.status, await response.json()]).toEqual([413, { errors: [{ message: "The request body is too large", extensions: { code: "BAD_REQUEST" } }] }]);
  });

  it("answers an anonymous upload with 401 before its body is sent", async () => {
    const size = 50 * 1024 * 1024;
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(`${hub.origin}/projects/${projectId}/documents?name=a.pdf`, { method: "POST", headers: { "content-type": "application/pdf", "content-length": String(size) } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body, sent }));
      });
      req.on("error", reject);
      // One chunk of 64 KiB, then nothing more until the answer: a server reading the body
      // before answering would wait for the remaining 50 MB forever.
      req.write(Buffer.alloc(64 * 1024), () => (sent += 64 * 1024));
    });
    expect(answer).toEqual({ status: 401, body: JSON.stringify({ error: { message: "Authentication required", code: "UNAUTHENTICATED" } }), sent: 64 * 1024 });
  });

  it("answers an upload with a forged token with 401 JSON", async () => {
    const response = await post(`/projects/${projectId}/documents?name=a.pdf`, "x", { "content-type": "application/pdf", authorization: "Bearer forged" });
    expect([response.status, (JSON.parse(response.body) as { error: { code: string } }).error.code]).toEqual([401, "UNAUTHENTICATED"]);
  });

  it("serves the web app with security headers and no inline script", async () => {
    const response = await fetch(`${hub.origin}/`);
    const html = await response.text();
    const port = new URL(hub.origin).port;
    expect({
      status: response.status,
      csp: response.headers.get("content-security-policy"),
      nosniff: response.headers.get("x-content-type-options"),
      frame: response.headers.get("x-frame-options"),
      referrer: response.headers.get("referrer-policy"),
    }).toEqual({
      status: 200,
      csp: `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port}; object-src 'none'; base-uri 'self'; frame-ancestors 'none'`,
      nosniff: "nosniff",
      frame: "DENY",
      referrer: "no-referrer",
    });
    // Every script is an external file of this origin, and it loads.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\bstyle=/);
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect((await fetch(new URL(src, hub.origin))).status).toBe(200);
  });

  it("sends the same headers on /graphql", async () => {
    const response = await fetch(hub.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect([response.headers.get("x-content-type-options"), response.headers.get("x-frame-options"), response.headers.get("content-security-policy")?.includes("frame-ancestors 'none'")]).toEqual([
      "nosniff",
      "DENY",
      true,
    ]);
  });

  it("masks query errors over WebSocket as over HTTP", async () => {
    const query = `{ project(id: "7d3f1a52-2b1e-4c8e-9a39-0c6d2b0b7e11") { id } }`;
    const [http, ws] = [await hub.query(query, {}, camille), await wsOperation(hub.gatewayUrl, query, {}, camille)];
    expect(codes(http)).toEqual(["NOT_FOUND"]);
    expect(ws.results).toEqual([{ data: http.data, errors: http.errors }]);
    expect(JSON.stringify(ws)).not.toMatch(NO_DETAIL);
  });

  it("masks an unreachable subgraph over WebSocket", async () => {
    await hub.subgraphs.funding.stop();
    const outcome = await wsOperation(hub.gatewayUrl, `{ fundingOpportunity(id: "AT:150000") { id } }`, {}, camille);
    expect(outcome.results.map((r) => r.errors?.map((e) => [e.message, e.extensions?.code]))).toEqual([[["Service funding is unavailable", "UPSTREAM_UNAVAILABLE"]]]);
    expect(JSON.stringify(outcome)).not.toMatch(NO_DETAIL);
  });

  it("keeps a raw ws client that sends garbage from crashing anything", async () => {
    const socket = new WebSocket(hub.gatewayUrl.replace(/^http/, "ws"), "graphql-transport-ws");
    const code = await new Promise<number>((resolve) => {
      socket.on("open", () => socket.send("{not json"));
      socket.on("close", (c) => resolve(c));
    });
    expect(code).toBe(4400);
    expect((await hub.query(`{ __typename }`)).status).toBe(200);
  });
});
