// The subscribers of the subscriptions benchmark: N graphql-transport-ws clients, each with its
// own WebSocket to the gateway, all running one subscription and recording, per subscriber, each
// event's id (the journal cursor) and when it arrived (performance.now()).
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

export const ACTIVITY_SUBSCRIPTION = `subscription Activity($projectId: ID, $territoryId: ID, $after: String) { projectActivity(projectId: $projectId, territoryId: $territoryId, after: $after) { id kind summary at } }`;

const MAX_ERROR_SAMPLES = 10;
/** The WebSocket subprotocol of graphql-ws (the gateway's server). */
const PROTOCOL = "graphql-transport-ws";
/** Each subscriber runs one subscription. */
const SUBSCRIPTION_ID = "1";

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
  const clients: WebSocket[] = [];
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

  // Each subscriber speaks the graphql-transport-ws protocol itself over a bare `ws` socket
  // (connection_init, subscribe, next/error/complete, ping/pong): the load generator shares the
  // machine's two cores with the hub, and every cycle graphql-ws's client spends on parsing and
  // validating each message is one the hub does not get.
  const record = (i: number, id: number, at: number) => {
    const n = received[i];
    if (n >= capacity) {
      overflow++;
      return;
    }
    ids[i][n] = id;
    times[i][n] = at;
    received[i] = n + 1;
    if (id > lastId[i]) lastId[i] = id;
  };

  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      let acknowledged = false;
      let finished = false;
      const socket = new WebSocket(options.url, PROTOCOL);
      sockets.add(socket);
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${options.tokens[i % options.tokens.length]}` } })));
      socket.on("message", (raw) => {
        const at = performance.now();
        let message: { type?: string; payload?: { data?: { projectActivity?: { id: string } }; errors?: { message: string }[] } | { message: string }[] };
        try {
          // A Buffer: the socket keeps ws's default binaryType ("nodebuffer").
          message = JSON.parse((raw as Buffer).toString()) as typeof message;
        } catch {
          recordError("a message that is not JSON");
          return;
        }
        switch (message.type) {
          case "next": {
            const payload = message.payload as { data?: { projectActivity?: { id: string } }; errors?: { message: string }[] };
            if (payload.errors) recordError(`GraphQL error: ${payload.errors.map((e) => e.message).join("; ")}`);
            const event = payload.data?.projectActivity;
            if (event) record(i, Number(event.id), at);
            return;
          }
          case "connection_ack":
            acknowledged = true;
            socket.send(JSON.stringify({ id: SUBSCRIPTION_ID, type: "subscribe", payload: { query: ACTIVITY_SUBSCRIPTION, variables: options.variables } }));
            resolve();
            return;
          case "ping":
            socket.send(JSON.stringify({ type: "pong" }));
            return;
          case "error":
          case "complete":
            if (closing || finished) return;
            finished = true;
            ended++;
            recordError(message.type === "error" ? `subscription error: ${describeClose(message.payload)}` : "subscription completed by the server");
            return;
        }
      });
      socket.on("close", (code, reason) => {
        sockets.delete(socket);
        if (!acknowledged) reject(new Error(`subscriber ${i}: closed before the connection was acknowledged (close ${code}${reason.length ? ` ${reason.toString()}` : ""})`));
        else if (!closing && !finished) {
          finished = true;
          ended++;
          recordError(`subscription error: close ${code}`);
        }
      });
      socket.on("error", (error) => {
        if (!acknowledged) reject(new Error(`subscriber ${i}: ${error.message}`));
      });
      clients.push(socket);
    });

  for (let first = 0; first < count; first += options.batchSize) {
    const batch = Array.from({ length: Math.min(options.batchSize, count - first) }, (_, k) => open(first + k));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`batch of subscribers ${first}-${first + batch.length - 1} not connected after ${options.batchTimeoutMs} ms`)), options.batchTimeoutMs)),
    );
    try {
      await Promise.race([Promise.all(batch), timeout]);
    } catch (error) {
      closing = true;
      for (const socket of clients) socket.terminate();
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
      // Complete each subscription, then close the connection normally (what graphql-ws's dispose does).
      for (const socket of clients) {
        if (socket.readyState !== WebSocket.OPEN) continue;
        socket.send(JSON.stringify({ id: SUBSCRIPTION_ID, type: "complete" }));
        socket.close(1000, "Normal Closure");
      }
      // Give the close handshakes a moment (at most timeoutMs), then cut what is still open.
      const deadline = performance.now() + timeoutMs;
      while (sockets.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const terminated = sockets.size;
      for (const socket of sockets) socket.terminate();
      return { closedCleanly: count - terminated, terminated };
    },
  };
}

function describeClose(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (Array.isArray(value)) return value.map((e: unknown) => (typeof e === "object" && e !== null && "message" in e && typeof e.message === "string" ? e.message : String(e))).join("; ");
  const event = value as { code?: number; reason?: string; message?: string } | null;
  if (event?.code !== undefined) return `close ${event.code}${event.reason ? ` ${event.reason}` : ""}`;
  return event?.message ?? String(value);
}
