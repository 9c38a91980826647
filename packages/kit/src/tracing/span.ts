import { randomBytes } from "node:crypto";

/** OTLP's span kinds (the numbers of its JSON encoding). */
export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
export type SpanKind = keyof typeof SPAN_KIND;

export type AttributeValue = string | number | boolean;

/** Where a span sits in its trace: the ids a child needs (and a `traceparent` header carries). */
export interface SpanContext {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
}

/** A span once ended, as the exporter encodes it. */
export interface FinishedSpan extends SpanContext {
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startNanos: bigint;
  endNanos: bigint;
  attributes: Record<string, AttributeValue>;
  error: string | null;
}

/** Now, in nanoseconds since the Unix epoch (microsecond precision). */
export function nowNanos(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
}

const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}

export function newSpanId(): string {
  return randomBytes(8).toString("hex");
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The parent a W3C `traceparent` header names (version 00 and later), or null when absent or malformed. */
export function parseTraceparent(header: unknown): SpanContext | null {
  if (typeof header !== "string") return null;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match || match[1] === "ff" || match[2] === ZERO_TRACE || match[3] === ZERO_SPAN) return null;
  return { traceId: match[2], spanId: match[3] };
}

/** The `traceparent` header of a call made within `span` (sampled: every span is exported). */
export function traceparent(span: SpanContext): string {
  return `00-${span.traceId}-${span.spanId}-01`;
}

/**
 * A span being recorded. `end()` hands it to its tracer's exporter (once; later calls do
 * nothing). Names and attributes hold no personal data: operation names and types, SQL text
 * without its parameters, routes without their query strings.
 */
export class Span implements SpanContext {
  readonly traceId: string;
  readonly spanId = newSpanId();
  readonly parentSpanId: string | null;
  readonly startNanos: bigint;
  private readonly attributes: Record<string, AttributeValue> = {};
  private error: string | null = null;
  private ended = false;

  constructor(
    public name: string,
    readonly kind: SpanKind,
    parent: SpanContext | null,
    private readonly onEnd: (span: FinishedSpan) => void,
    startNanos?: bigint,
  ) {
    this.traceId = parent?.traceId ?? newTraceId();
    this.parentSpanId = parent?.spanId ?? null;
    this.startNanos = startNanos ?? nowNanos();
  }

  setAttribute(key: string, value: AttributeValue | null | undefined): this {
    if (value !== null && value !== undefined) this.attributes[key] = value;
    return this;
  }

  /** Marks the span as failed (status ERROR) with a short reason (an error code, never data). */
  fail(reason: string): this {
    this.error = reason;
    return this;
  }

  end(endNanos?: bigint): void {
    if (this.ended) return;
    this.ended = true;
    const { traceId, spanId, parentSpanId, name, kind, startNanos, attributes, error } = this;
    this.onEnd({ traceId, spanId, parentSpanId, name, kind, startNanos, endNanos: endNanos ?? nowNanos(), attributes, error });
  }
}
