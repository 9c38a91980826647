/**
 * What the gateway tells about itself: a request id per request (given by the caller or made
 * up), passed to every subgraph and returned in the response; JSON log lines without personal
 * data; Prometheus metrics at /metrics, for the machine itself or a token holder.
 */
import { REQUEST_ID_HEADER, SubgraphDataSource } from "@hub/gateway";
import { freePort } from "@hub/local-postgres";
import { CAMILLE, RawClient, startHub, type Hub } from "@hub/testing";
import { spawn } from "node:child_process";
import { join } from "node:path";

const METRICS_TOKEN = "test-metrics-token-0123456789abcdef";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids and metrics through a whole hub", () => {
  let hub: Hub;
  let camille: string;
  beforeAll(async () => {
    hub = await startHub({ gatewayEnv: { METRICS_TOKEN } });
    camille = await hub.token(CAMILLE);
  });
  afterAll(() => hub.stop());
  afterEach(() => jest.restoreAllMocks());

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(hub.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${camille}`, ...headers }, body: JSON.stringify({ query }) });

  it("gives each request an id, in the x-request-id header and the response's extensions, and passes it to every subgraph it calls", async () => {
    const sent = jest.spyOn(SubgraphDataSource.prototype, "headersFor");
    const response = await post(`query Page { me { email } territory(id: "COMMUNE:63113") { name stats { projectCount } } }`);
    const id = response.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(UUID);
    const body = (await response.json()) as { data: unknown; extensions: unknown };
    expect(body.extensions).toEqual({ requestId: id });
    // people-territories, then reporting for the stats: both called with the request's id.
    const calls = sent.mock.results.map((result) => (result.value as Record<string, string>)[REQUEST_ID_HEADER]);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls)).toEqual(new Set([id]));
    // Another request, another id.
    expect((await post(`{ __typename }`)).headers.get(REQUEST_ID_HEADER)).not.toBe(id);
  });

  it("keeps a well-formed id given by the caller, and replaces one that is not", async () => {
    const given = await post(`{ __typename }`, { [REQUEST_ID_HEADER]: "proxy-7f3a2c1d" });
    expect(given.headers.get(REQUEST_ID_HEADER)).toBe("proxy-7f3a2c1d");
    expect(((await given.json()) as { extensions: unknown }).extensions).toEqual({ requestId: "proxy-7f3a2c1d" });
    const odd = await post(`{ __typename }`, { [REQUEST_ID_HEADER]: "a b\tc<script>" });
    expect(odd.headers.get(REQUEST_ID_HEADER)).toMatch(UUID);
  });

  it("returns the id of each WebSocket query too", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.init(camille);
    client.send({ id: "1", type: "subscribe", payload: { query: `{ __typename }` } });
    await client.until((m) => m.some((x) => x.type === "complete"));
    expect(client.messages.find((m) => m.type === "next")?.payload).toEqual({ data: { __typename: "Query" }, extensions: { requestId: expect.stringMatching(UUID) as unknown } });
    client.socket.close();
  });

  it("serves Prometheus metrics to the token holder only: operations, errors, latency, subgraph calls, live subscriptions", async () => {
    await post(`query MetricsProbe { territory(id: "COMMUNE:63113") { name } }`);
    await post(`query MetricsProbe { nope }`);
    expect((await fetch(`${hub.origin}/metrics`)).status).toBe(404);
    expect((await fetch(`${hub.origin}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(404);
    const response = await fetch(`${hub.origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('hub_gateway_requests_total{operation="MetricsProbe",type="query",outcome="ok"} 1');
    expect(text).toContain('hub_gateway_errors_total{operation="anonymous",code="GRAPHQL_VALIDATION_FAILED"} 1');
    expect(text).toContain('hub_gateway_request_duration_seconds_count{operation="MetricsProbe"} 1');
    expect(text).toMatch(/hub_gateway_subgraph_requests_total\{subgraph="people-territories",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hub_gateway_subgraph_request_duration_seconds_count\{subgraph="people-territories"\} [1-9]/);
    expect(text).toContain("hub_gateway_subscriptions_active 0");
    expect(text).toContain("hub_gateway_subscription_upstreams_active 0");
  });
});

describe("JSON logs of the gateway process", () => {
  it("logs one JSON line per operation: request id, operation, type, duration, error codes, kind of caller; no personal data", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, APOLLO_TELEMETRY_DISABLED: "true", HUB_MODE: "development", GATEWAY_PORT: String(port) };
    for (const name of ["PROJECTS", "PEOPLE_TERRITORIES", "FUNDING", "REPORTING"]) env[`${name}_URL`] = "http://127.0.0.1:9/graphql";
    const child = spawn(process.execPath, [join(__dirname, "..", "dist", "main.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const ready = new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()).includes("ready at") && resolve()));
    try {
      await ready;
      const origin = `http://127.0.0.1:${port}`;
      const ask = (query: string, id: string, variables: Record<string, unknown> = {}) =>
        fetch(`${origin}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", [REQUEST_ID_HEADER]: id },
          body: JSON.stringify({ query, variables }),
        });
      await ask(`query Hello { __typename }`, "log-test-hello");
      await ask(`query Where($id: ID!) { territory(id: $id) { name } }`, "log-test-where", { id: "COMMUNE:63113" });
      const line = (id: string) => async () => {
        for (;;) {
          const found = stdout.split("\n").find((l) => l.includes(`"requestId":"${id}"`));
          if (found) return JSON.parse(found) as Record<string, unknown>;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const hello = await line("log-test-hello")();
      expect(hello).toEqual({
        level: 30,
        time: expect.any(String) as unknown,
        service: "gateway",
        requestId: "log-test-hello",
        operation: "Hello",
        type: "query",
        durationMs: expect.any(Number) as unknown,
        errors: [],
        caller: "anonymous",
        msg: "graphql operation",
      });
      const where = await line("log-test-where")();

      expect(where).toMatchObject({ operation: "Where", errors: ["UPSTREAM_UNAVAILABLE"] });
      // The exact line above: no variables, query text, address, credential or identity.
      // /metrics answers the machine itself when no METRICS_TOKEN is set.
      const metrics = await fetch(`${origin}/metrics`);
      expect(metrics.status).toBe(200);
      // Two calls: the query's, and its one retry (SUBGRAPH_RETRIES, default 1) on the refused connection.
      expect(await metrics.text()).toContain('hub_gateway_subgraph_requests_total{subgraph="people-territories",outcome="error"} 2');
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
