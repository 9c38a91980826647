import type { Viewer } from "@hub/kit";
import { GraphQLError } from "graphql";
import type { IncomingMessage } from "node:http";
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

/** Who a subscription counts for: the person, else the remote address (programmes, anonymous). */
export function subscriberKey(viewer: Viewer | undefined, request: IncomingMessage): string {
  if (viewer?.personId) return `person:${viewer.personId}`;
  return `address:${request.socket.remoteAddress ?? "unknown"}`;
}

/**
 * Live subscriptions per connection and per subscriber across connections. `acquire` returns
 * the TOO_MANY_SUBSCRIPTIONS error when a cap is reached (the connection stays open);
 * `release` is idempotent, so it may be called on completion and again on close.
 */
export class SubscriptionSlots {
  private readonly byKey = new Map<string, number>();
  private readonly byConnection = new WeakMap<object, Map<string, string>>();

  constructor(
    private readonly perConnection: number,
    private readonly perViewer: number,
  ) {}

  acquire(connection: object, id: string, key: string): GraphQLError | null {
    let held = this.byConnection.get(connection);
    if (!held) this.byConnection.set(connection, (held = new Map<string, string>()));
    if (held.size >= this.perConnection) return tooMany(`At most ${this.perConnection} subscriptions per connection`);
    const count = this.byKey.get(key) ?? 0;
    if (count >= this.perViewer) return tooMany(`At most ${this.perViewer} subscriptions per viewer`);
    held.set(id, key);
    this.byKey.set(key, count + 1);
    return null;
  }

  release(connection: object, id: string): void {
    const held = this.byConnection.get(connection);
    const key = held?.get(id);
    if (!held || key === undefined) return;
    held.delete(id);
    const count = (this.byKey.get(key) ?? 1) - 1;
    if (count > 0) this.byKey.set(key, count);
    else this.byKey.delete(key);
  }

  releaseAll(connection: object): void {
    for (const id of [...(this.byConnection.get(connection)?.keys() ?? [])]) this.release(connection, id);
  }
}

function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "TOO_MANY_SUBSCRIPTIONS" } });
}
