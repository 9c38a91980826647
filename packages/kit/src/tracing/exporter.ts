import type { Logger } from "../logger";
import type { TracingConfig } from "./config";
import { SPAN_KIND, type AttributeValue, type FinishedSpan } from "./span";

/** OTLP's JSON encoding of an attribute value. */
function anyValue(value: AttributeValue): Record<string, unknown> {
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

const keyValues = (attributes: Record<string, AttributeValue>) => Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));

/** An ExportTraceServiceRequest in OTLP/HTTP JSON: resourceSpans → scopeSpans → spans, hex ids, nanosecond strings. */
export function otlpRequest(resource: Record<string, AttributeValue>, spans: readonly FinishedSpan[]): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: { attributes: keyValues(resource) },
        scopeSpans: [
          {
            scope: { name: "@hub/kit" },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: SPAN_KIND[span.kind],
              startTimeUnixNano: span.startNanos.toString(),
              endTimeUnixNano: span.endNanos.toString(),
              attributes: keyValues(span.attributes),
              // STATUS_CODE_ERROR = 2; unset (0) otherwise.
              status: span.error === null ? {} : { code: 2, message: span.error },
            })),
          },
        ],
      },
    ],
  };
}

/**
 * Sends ended spans to an OTLP/HTTP endpoint in batches: a bounded queue (spans beyond it are
 * dropped and counted), a batch sent when full or `scheduleDelayMs` after its first span, one
 * request at a time, everything left sent by `shutdown()`. A failed export is logged once (then
 * again only after one has succeeded) and never reaches the request that made the spans.
 */
export class OtlpExporter {
  private queue: FinishedSpan[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private dropped = 0;
  private failing = false;

  constructor(
    private readonly config: TracingConfig,
    private readonly resource: Record<string, AttributeValue>,
    private readonly logger: Logger,
  ) {}

  add(span: FinishedSpan): void {
    if (this.queue.length >= this.config.maxQueueSize) {
      this.dropped += 1;
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.config.maxBatchSize) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.config.scheduleDelayMs);
      this.timer.unref();
    }
  }

  /** Sends every span queued so far; resolves when sent (or given up). Never rejects. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.sending) await this.sending;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.config.maxBatchSize);
      this.sending = this.send(batch);
      await this.sending;
      this.sending = null;
    }
  }

  private async send(batch: FinishedSpan[]): Promise<void> {
    try {
      const response = await fetch(this.config.tracesUrl, {
        method: "POST",
        headers: { ...this.config.headers, "content-type": "application/json" },
        body: JSON.stringify(otlpRequest(this.resource, batch)),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        const dropped = this.dropped > 0 ? `; ${this.dropped} spans dropped so far (queue full)` : "";
        this.logger.warn(
          `traces: export to ${new URL(this.config.tracesUrl).origin} failed (${(error as Error).message}): these spans are lost, later failures are not logged until one succeeds${dropped}`,
        );
      }
      this.failing = true;
    }
  }
}
