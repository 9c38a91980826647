import { GraphQLError } from "graphql";
import type { Credential } from "./auth/session";
import type { WebSocket } from "ws";

/** Close code for a client that does not read what it is sent ("try again later"). */
export const CLOSE_TOO_SLOW = 1013;

/**
 * Closes a client whose unsent output passes `maxBytes`: one that stops reading would
 * otherwise make the gateway keep every event for it in memory. Checked at each send, the
 * only wrapper of `send` (each frame is one write: the cork/uncork batching that coalesced a
 * turn's frames was removed, as the subscriptions bench showed no gain from it, and its early
 * send callback hid write errors and back-pressure from graphql-ws). The close frame cannot
 * reach a client that does not read, so the socket is destroyed at once.
 */
export function limitBufferedOutput(client: WebSocket, maxBytes: number): void {
  const send = client.send.bind(client) as (...args: unknown[]) => void;
  client.send = ((...args: unknown[]) => {
    send(...args);
    if (client.bufferedAmount > maxBytes && client.readyState === client.OPEN) {
      client.close(CLOSE_TOO_SLOW, "Client too slow: output buffer full");
      client.terminate();
    }
  }) as WebSocket["send"];
}

/** The kind of caller a subscription counts for (as the rate limits' callers). */
export type SubscriberKind = "key" | "person" | "ip";

/** Who a subscription counts for: `apikey:<id>`, `person:<id>` or `address:<ip>`. */
export interface Subscriber {
  kind: SubscriberKind;
  key: string;
}

/** Who a subscription counts for: the programme key, else the person, else the remote address (anonymous callers). */
export function subscriberOf(credential: Credential | undefined, address: string): Subscriber {
  if (credential?.programme) return { kind: "key", key: `apikey:${credential.programme.apiKeyId}` };
  if (credential?.viewer.personId) return { kind: "person", key: `person:${credential.viewer.personId}` };
  return { kind: "ip", key: `address:${address}` };
}

/** Live subscriptions by kind of caller: callers holding some, the most one holds, and each key's (keys are few, and no one's personal data). */
export interface SubscriberStats {
  callers: Record<SubscriberKind, number>;
  most: Record<SubscriberKind, number>;
  apiKeys: Record<string, number>;
}

/** Caps on live subscriptions (WS_MAX_SUBSCRIPTIONS_*): per connection, and per caller across its connections. */
export interface SubscriptionCaps {
  perConnection: number;
  /** A person's, or an anonymous address's. */
  perViewer: number;
  perApiKey: number;
}

/**
 * Live subscriptions per connection and per caller (API key, person, else address) across
 * connections, on this replica. `acquire` returns the TOO_MANY_SUBSCRIPTIONS error when a cap is
 * reached (the connection stays open); `release` is idempotent, so it may be called on completion
 * and again on close. `full` tells whether a caller holds its cap (a new connection of it is refused with 4429).
 */
export class SubscriptionSlots {
  private readonly byKey = new Map<string, number>();
  private readonly byConnection = new WeakMap<object, Map<string, Subscriber>>();

  constructor(private readonly caps: SubscriptionCaps) {}

  /** The cap of a caller, and how it is named in the refusal. */
  capOf(subscriber: Subscriber): { max: number; per: string } {
    return subscriber.kind === "key" ? { max: this.caps.perApiKey, per: "API key" } : { max: this.caps.perViewer, per: "viewer" };
  }

  acquire(connection: object, id: string, subscriber: Subscriber): GraphQLError | null {
    let held = this.byConnection.get(connection);
    if (!held) this.byConnection.set(connection, (held = new Map<string, Subscriber>()));
    if (held.size >= this.caps.perConnection) return tooMany(`At most ${this.caps.perConnection} subscriptions per connection`);
    const count = this.byKey.get(subscriber.key) ?? 0;
    const cap = this.capOf(subscriber);
    if (count >= cap.max) return tooMany(`At most ${cap.max} subscriptions per ${cap.per}`);
    held.set(id, subscriber);
    this.byKey.set(subscriber.key, count + 1);
    return null;
  }

  /** Whether the caller holds as many live subscriptions as its cap allows. */
  full(subscriber: Subscriber): boolean {
    return (this.byKey.get(subscriber.key) ?? 0) >= this.capOf(subscriber).max;
  }

  release(connection: object, id: string): void {
    const held = this.byConnection.get(connection);
    const subscriber = held?.get(id);
    if (!held || subscriber === undefined) return;
    held.delete(id);
    const count = (this.byKey.get(subscriber.key) ?? 1) - 1;
    if (count > 0) this.byKey.set(subscriber.key, count);
    else this.byKey.delete(subscriber.key);
  }

  releaseAll(connection: object): void {
    for (const id of [...(this.byConnection.get(connection)?.keys() ?? [])]) this.release(connection, id);
  }

  /** For /metrics. */
  stats(): SubscriberStats {
    const stats: SubscriberStats = { callers: { key: 0, person: 0, ip: 0 }, most: { key: 0, person: 0, ip: 0 }, apiKeys: {} };
    for (const [key, count] of this.byKey) {
      const kind: SubscriberKind = key.startsWith("apikey:") ? "key" : key.startsWith("person:") ? "person" : "ip";
      stats.callers[kind] += 1;
      stats.most[kind] = Math.max(stats.most[kind], count);
      if (kind === "key") stats.apiKeys[key.slice("apikey:".length)] = count;
    }
    return stats;
  }
}

function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "TOO_MANY_SUBSCRIPTIONS" } });
}
