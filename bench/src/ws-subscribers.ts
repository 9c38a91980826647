// The subscribers of the subscriptions benchmark: N graphql-ws clients, each with its own
// WebSocket to the gateway, all running one subscription and recording, per subscriber, each
// event's id (the journal cursor) and when it arrived (performance.now()).
import { createClient, type Client } from "graphql-ws";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

export const ACTIVITY_SUBSCRIPTION = `subscription Activity($projectId: ID, $territoryId: ID, $after: String) { projectActivity(projectId: $projectId, territoryId: $territoryId, after: $after) { id kind summary at } }`;

const MAX_ERROR_SAMPLES = 10;

export interface OpenOptions {
  url: string;
  /** Session tokens: subscriber i signs in with tokens[i % tokens.length]. */
  tokens: string[];
  variables: Record<string, unknown>;
  count: number;
  /** Events each subscriber can record (more are counted in `overflow`, not kept). */
  capacity: number;
  /** Subscribers opened at once; the next batch waits until all of this one are connected. */
  batchSize: number;
  /** How long one batch may take to connect. */
  batchTimeoutMs: number;
}

export interface SubscriberPool {
  readonly count: number;
  /** Per subscriber: ids received, in order, and their arrival times (first `received[i]` entries). */
  readonly ids: Float64Array[];
  readonly times: Float64Array[];
  readonly received: Int32Array;
  /** Per subscriber: the highest id received (0 before any). */
  readonly lastId: Float64Array;
  /** Events beyond `capacity`, all subscribers together. */
  overflow(): number;
  /** Errors (GraphQL errors in events, socket errors, early completion) by description, and in total. */
  errors(): { total: number; samples: Record<string, number> };
  /** Subscribers whose connection or subscription ended before `close`. */
  ended(): number;
  /** Closes every client (dispose, then terminate what is left after `timeoutMs`). */
  close(timeoutMs: number): Promise<{ closedCleanly: number; terminated: number }>;
}

/** Opens `count` subscribers in batches; resolves when all are connected (acknowledged), rejects on the first batch that fails. */
export async function openSubscribers(options: OpenOptions, onProgress: (connected: number) => void): Promise<SubscriberPool> {
  const { count, capacity } = options;
  const ids = Array.from({ length: count }, () => new Float64Array(capacity));
  const times = Array.from({ length: count }, () => new Float64Array(capacity));
  const received = new Int32Array(count);
  const lastId = new Float64Array(count);
  const clients: Client[] = [];
  const sockets = new Set<WebSocket>();
  const errorSamples: Record<string, number> = {};
  let errorTotal = 0;
  let overflow = 0;
  let ended = 0;
  let closing = false;
  const recordError = (description: string) => {
    errorTotal++;
    const key = description.slice(0, 200);
    if (key in errorSamples) errorSamples[key]++;
    else if (Object.keys(errorSamples).length < MAX_ERROR_SAMPLES) errorSamples[key] = 1;
  };

  /** Tracks every socket, to terminate those a dispose leaves open. */
  class TrackedWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.add(this);
      this.once("close", () => sockets.delete(this));
    }
  }

  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      let connected = false;
      const client = createClient({
        url: options.url,
        webSocketImpl: TrackedWebSocket,
        connectionParams: { authorization: `Bearer ${options.tokens[i % options.tokens.length]}` },
        retryAttempts: 0,
        lazy: true,
        on: {
          connected: () => {
            connected = true;
            resolve();
          },
          closed: (event) => {
            if (!connected) reject(new Error(`subscriber ${i}: closed before the connection was acknowledged (${describeClose(event)})`));
          },
          error: (error) => {
            if (!connected) reject(new Error(`subscriber ${i}: ${describeClose(error)}`));
          },
        },
      });
      clients.push(client);
      client.subscribe<{ projectActivity: { id: string } }>(
        { query: ACTIVITY_SUBSCRIPTION, variables: options.variables },
        {
          next: (result) => {
            const at = performance.now();
            if (result.errors) recordError(`GraphQL error: ${result.errors.map((e) => e.message).join("; ")}`);
            const event = result.data?.projectActivity;
            if (!event) return;
            const id = Number(event.id);
            const n = received[i];
            if (n >= capacity) {
              overflow++;
              return;
            }
            ids[i][n] = id;
            times[i][n] = at;
            received[i] = n + 1;
            if (id > lastId[i]) lastId[i] = id;
          },
          error: (error) => {
            if (closing) return;
            ended++;
            recordError(`subscription error: ${describeClose(error)}`);
          },
          complete: () => {
            if (closing) return;
            ended++;
            recordError("subscription completed by the server");
          },
        },
      );
    });

  for (let first = 0; first < count; first += options.batchSize) {
    const batch = Array.from({ length: Math.min(options.batchSize, count - first) }, (_, k) => open(first + k));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`batch of subscribers ${first}-${first + batch.length - 1} not connected after ${options.batchTimeoutMs} ms`)), options.batchTimeoutMs)));
    try {
      await Promise.race([Promise.all(batch), timeout]);
    } catch (error) {
      closing = true;
      for (const client of clients) client.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    onProgress(first + batch.length);
  }

  return {
    count,
    ids,
    times,
    received,
    lastId,
    overflow: () => overflow,
    errors: () => ({ total: errorTotal, samples: { ...errorSamples } }),
    ended: () => ended,
    async close(timeoutMs) {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(clients.map((client) => Promise.resolve(client.dispose()).catch(() => undefined))), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      // Give the close handshakes a moment, then cut what is still open.
      const deadline = performance.now() + Math.min(2000, timeoutMs);
      while (sockets.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const terminated = sockets.size;
      for (const socket of sockets) socket.terminate();
      return { closedCleanly: count - terminated, terminated };
    },
  };
}

function describeClose(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (Array.isArray(value)) return value.map((e: { message?: string }) => e.message ?? String(e)).join("; ");
  const event = value as { code?: number; reason?: string; message?: string } | null;
  if (event?.code !== undefined) return `close ${event.code}${event.reason ? ` ${event.reason}` : ""}`;
  return event?.message ?? String(value);
}
