import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readTracingConfig } from "./config";
import { otlpRequest } from "./exporter";
import { parseTraceparent, traceparent } from "./span";
import { createTracer } from "./tracer";

const quietLogger = () => ({ info: jest.fn(), warn: jest.fn(), error: jest.fn() });

describe("tracing", () => {
  it("is off unless an OTLP endpoint is set", () => {
    expect(readTracingConfig({})).toBeNull();
    expect(readTracingConfig({ OTEL_SERVICE_NAME: "x", OTEL_EXPORTER_OTLP_HEADERS: "a=b" })).toBeNull();
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" })).toBeNull();
    expect(createTracer(null, "gateway", quietLogger())).toBeNull();
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/", OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20abc, x-tenant = hub ,broken" })).toEqual({
      tracesUrl: "http://collector:4318/v1/traces",
      headers: { authorization: "Bearer abc", "x-tenant": "hub" },
      serviceName: null,
      scheduleDelayMs: 5000,
      maxQueueSize: 2048,
      maxBatchSize: 512,
      timeoutMs: 10_000,
    });
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://collector/custom", OTEL_SERVICE_NAME: "hub" })).toMatchObject({
      tracesUrl: "https://collector/custom",
      serviceName: "hub",
    });
    const problems: string[] = [];
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }, problems)).toBeNull();
    expect(problems).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (got "collector:4318")']);
  });

  it("reads and writes W3C traceparent headers", () => {
    const parent = parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    expect(parent).toEqual({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" });
    expect(traceparent(parent!)).toBe("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    for (const bad of [undefined, "", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-xyz-00f067aa0ba902b7-01"]) {
      expect(parseTraceparent(bad)).toBeNull();
    }
  });

  it("encodes spans as OTLP/HTTP JSON", () => {
    const body = otlpRequest({ "service.name": "hub-gateway" }, [
      {
        traceId: "a".repeat(32),
        spanId: "b".repeat(16),
        parentSpanId: null,
        name: "query Me",
        kind: "server",
        startNanos: 1_700_000_000_000_000_000n,
        endNanos: 1_700_000_000_500_000_000n,
        attributes: { n: 3, ok: true, x: 1.5, s: "t" },
        error: "UPSTREAM_UNAVAILABLE",
      },
    ]);
    expect(body).toEqual({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "hub-gateway" } }] },
          scopeSpans: [
            {
              scope: { name: "@hub/kit" },
              spans: [
                {
                  traceId: "a".repeat(32),
                  spanId: "b".repeat(16),
                  name: "query Me",
                  kind: 2,
                  startTimeUnixNano: "1700000000000000000",
                  endTimeUnixNano: "1700000000500000000",
                  attributes: [
                    { key: "n", value: { intValue: "3" } },
                    { key: "ok", value: { boolValue: true } },
                    { key: "x", value: { doubleValue: 1.5 } },
                    { key: "s", value: { stringValue: "t" } },
                  ],
                  status: { code: 2, message: "UPSTREAM_UNAVAILABLE" },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("batches spans, links children to the active span, and logs a failing collector once", async () => {
    let received: unknown[] = [];
    let status = 200;
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push(JSON.parse(body));
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const logger = quietLogger();
    const config = readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "2", OTEL_BSP_MAX_QUEUE_SIZE: "3" })!;
    const tracer = createTracer(config, "projects", logger)!;
    try {
      const root = tracer.startSpan("root", { kind: "server" });
      tracer.withSpan(root, () => tracer.startSpan("child").end());
      root.end();
      root.end(); // once only
      await tracer.shutdown();
      expect(received).toHaveLength(1); // a batch of 2
      const spans = (received[0] as { resourceSpans: { scopeSpans: { spans: { name: string; spanId: string; parentSpanId?: string; traceId: string }[] }[] }[] }).resourceSpans[0].scopeSpans[0].spans;
      expect(spans.map((s) => s.name)).toEqual(["child", "root"]);
      expect(spans[0]).toMatchObject({ parentSpanId: spans[1].spanId, traceId: spans[1].traceId });
      expect(spans[1].parentSpanId).toBeUndefined();

      // A collector that fails: logged once, however many exports fail; the queue stays bounded.
      status = 503;
      received = [];
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 5; i++) tracer.startSpan(`span ${i}`, { parent: null }).end();
        await tracer.shutdown();
      }
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(String((logger.warn.mock.calls as unknown[][])[0][0])).toMatch(/^traces: export to http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 503\)/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
