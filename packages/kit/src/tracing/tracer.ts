import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../logger";
import type { TracingConfig } from "./config";
import { OtlpExporter } from "./exporter";
import { Span, type AttributeValue, type SpanContext, type SpanKind } from "./span";

export interface StartSpan {
  kind?: SpanKind;
  /** The parent: a span, or the context a `traceparent` header gave; undefined → the span active here, null → a new trace. */
  parent?: SpanContext | null;
  attributes?: Record<string, AttributeValue | null | undefined>;
  /** When it started (nanoseconds since the epoch), for work measured after the fact (SQL statements). */
  startNanos?: bigint;
}

/**
 * One service's tracer: spans that end go to its OTLP exporter, under the resource
 * `service.name` (OTEL_SERVICE_NAME, else `hub-<service>`) and `hub.service`. Each tracer keeps
 * its own active span (AsyncLocalStorage): services sharing a process (tests, benchmarks) never
 * adopt one another's spans; what crosses services is the `traceparent` header only.
 */
export class Tracer {
  private readonly exporter: OtlpExporter;
  private readonly current = new AsyncLocalStorage<Span>();

  constructor(config: TracingConfig, service: string, logger: Logger) {
    this.exporter = new OtlpExporter(config, { "service.name": config.serviceName ?? `hub-${service}`, "service.namespace": "hub", "hub.service": service }, logger);
  }

  startSpan(name: string, options: StartSpan = {}): Span {
    const parent = options.parent === undefined ? (this.current.getStore() ?? null) : options.parent;
    const span = new Span(name, options.kind ?? "internal", parent, (finished) => this.exporter.add(finished), options.startNanos);
    for (const [key, value] of Object.entries(options.attributes ?? {})) span.setAttribute(key, value);
    return span;
  }

  /** The span work started here runs within (the parent of spans started without one). */
  active(): Span | undefined {
    return this.current.getStore();
  }

  /** Runs `work` with `span` active. */
  withSpan<T>(span: Span, work: () => T): T {
    return this.current.run(span, work);
  }

  /** Sends the spans not yet sent (the service is stopping). */
  shutdown(): Promise<void> {
    return this.exporter.flush();
  }
}

/** A tracer for `service` when tracing is configured, else null (nothing recorded, nothing sent). */
export function createTracer(config: TracingConfig | null | undefined, service: string, logger: Logger): Tracer | null {
  return config ? new Tracer(config, service, logger) : null;
}
