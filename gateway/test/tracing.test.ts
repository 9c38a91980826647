import { JULIEN, RawClient, startHub, type Hub } from "@hub/testing";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A span as OTLP/HTTP JSON carries it, with its resource's service name. */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: string } }[];
  status: { code?: number };
}

interface ExportRequest {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Omit<ExportedSpan, "service">[] }[] }[];
}

/** A local OTLP/HTTP collector: what it received (path, headers, spans). */
class Collector {
  readonly requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  readonly spans: ExportedSpan[] = [];
  private server!: Server;

  async start(port = 0): Promise<string> {
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        this.requests.push({ path: request.url ?? "", headers: request.headers });
        const parsed = JSON.parse(body) as ExportRequest;
        for (const resource of parsed.resourceSpans) {
          const service = resource.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue ?? "";
          for (const scope of resource.scopeSpans) for (const span of scope.spans) this.spans.push({ service, ...span });
        }
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits until `found` finds what it looks for in the spans received (5 s at most). */
  async until<T>(found: (spans: ExportedSpan[]) => T | undefined): Promise<T> {
    for (let waited = 0; waited < 5000; waited += 25) {
      const result = found(this.spans);
      if (result !== undefined) return result;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`not received; spans so far: ${this.spans.map((s) => `${s.service} ${s.name}`).join(", ")}`);
  }

  stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}

const attribute = (span: ExportedSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

describe("traces (OpenTelemetry over OTLP/HTTP JSON)", () => {
  describe("with OTEL_EXPORTER_OTLP_ENDPOINT set", () => {
    const collector = new Collector();
    let hub: Hub;
    let token: string;

    beforeAll(async () => {
      const endpoint = await collector.start();
      hub = await startHub({ otelEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: "x-collector-key=s%C3%A9same,other=1", OTEL_BSP_SCHEDULE_DELAY: "50" } });
      token = await hub.token(JULIEN);
    });

    afterAll(async () => {
      await hub.stop();
      await collector.stop();
    });

    it("links the gateway's operation, each subgraph fetch, the subgraph's operation and its SQL statements in one trace", async () => {
      const result = await hub.query(
        `query Traced($territory: ID!) { territory(id: $territory) { name projects(first: 2) { totalCount edges { node { title } } } } }`,
        { territory: "DEPARTEMENT:63" },
        token,
      );
      expect(result.errors).toBeUndefined();
      const operation = await collector.until((spans) => spans.find((s) => s.service === "hub-gateway" && s.name === "query Traced"));
      expect(operation.kind).toBe(2);
      expect(operation.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(operation.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(operation.startTimeUnixNano).toMatch(/^\d{19}$/);
      expect(BigInt(operation.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(operation.startTimeUnixNano));
      expect(attribute(operation, "graphql.operation.type")).toEqual({ stringValue: "query" });
      const inTrace = (spans: ExportedSpan[]) => spans.filter((s) => s.traceId === operation.traceId);

      // Gateway → each subgraph: a client span, child of the operation; the subgraph's server span is its child.
      const served: Record<string, ExportedSpan> = {};
      for (const subgraph of ["people-territories", "projects"]) {
        const fetch = await collector.until((spans) => inTrace(spans).find((s) => s.name === `subgraph ${subgraph}`));
        expect(fetch).toMatchObject({ service: "hub-gateway", kind: 3, parentSpanId: operation.spanId });
        served[subgraph] = await collector.until((spans) => inTrace(spans).find((s) => s.service === `hub-${subgraph}` && s.parentSpanId === fetch.spanId));
        expect(served[subgraph].kind).toBe(2);
        expect(served[subgraph].name).toMatch(/^query Traced__/);
      }
      // Its SQL statements, children of the subgraph's operation: the text, never the values.
      const statements = await collector.until((spans) => {
        const found = inTrace(spans).filter((s) => s.service === "hub-projects" && s.parentSpanId === served.projects.spanId && s.name === "SELECT");
        return found.length > 0 ? found : undefined;
      });
      for (const statement of [...statements, ...inTrace(collector.spans).filter((s) => attribute(s, "db.statement"))]) {
        expect(statement.kind).toBe(3);
        expect(attribute(statement, "db.system")).toEqual({ stringValue: "postgresql" });
        expect(attribute(statement, "db.statement")?.stringValue).toMatch(/^(SELECT|WITH)/);
        expect(JSON.stringify(statement)).not.toContain("DEPARTEMENT:63");
      }
      // The headers of OTEL_EXPORTER_OTLP_HEADERS, URL-decoded, on every export to <endpoint>/v1/traces.
      expect(collector.requests.every((r) => r.path === "/v1/traces" && r.headers["x-collector-key"] === "sésame" && r.headers["content-type"] === "application/json")).toBe(true);
      // Subgraphs trace only the calls that carry a traceparent (never a background poll of their own).
      expect(collector.spans.filter((s) => s.service !== "hub-gateway" && s.kind === 2 && !s.parentSpanId)).toEqual([]);
    });

    it("follows a caller's traceparent, and traces the CSV export route down to the reporting subgraph", async () => {
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      const response = await fetch(`${hub.origin}/exports/projects.csv?territoryId=DEPARTEMENT:63`, {
        headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      });
      expect(response.status).toBe(200);
      await response.text();
      const route = await collector.until((spans) => spans.find((s) => s.service === "hub-gateway" && s.name === "GET /exports/projects.csv"));
      expect(route).toMatchObject({ traceId, parentSpanId: "00f067aa0ba902b7", kind: 2 });
      expect(attribute(route, "http.response.status_code")).toEqual({ intValue: "200" });
      const served = await collector.until((spans) => spans.find((s) => s.service === "hub-reporting" && s.parentSpanId === route.spanId));
      expect(served).toMatchObject({ traceId, name: "GET /exports/projects.csv" });
    });

    it("gives a subscription a span, from subscribe to its end", async () => {
      const client = new RawClient(hub.gatewayUrl);
      await client.init(token);
      client.send({ id: "s1", type: "subscribe", payload: { query: `subscription Live { projectActivity(territoryId: "DEPARTEMENT:63") { id } }` } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      client.send({ id: "s1", type: "complete" });
      const span = await collector.until((spans) => spans.find((s) => s.service === "hub-gateway" && s.name === "subscription Live"));
      expect(attribute(span, "graphql.operation.type")).toEqual({ stringValue: "subscription" });
      client.socket.close();
    });
  });

  describe("with OTEL_EXPORTER_OTLP_ENDPOINT unset", () => {
    it("sends nothing, not even to OTLP's default port", async () => {
      // A collector on OTLP/HTTP's default address (where an SDK would send by default), when the port is free.
      const collector = new Collector();
      await collector.start(4318).catch(() => collector.start());
      const hub = await startHub();
      try {
        const result = await hub.query(`{ projects(first: 2) { edges { node { title territory { name } } } } }`, {}, await hub.token(JULIEN));
        expect(result.errors).toBeUndefined();
        const csv = await fetch(`${hub.origin}/exports/projects.csv`, { headers: { authorization: `Bearer ${await hub.token(JULIEN)}` } });
        await csv.text();
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        await hub.stop();
      }
      expect(collector.requests).toEqual([]);
      await collector.stop();
    });
  });
});
