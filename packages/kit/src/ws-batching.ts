import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";

/**
 * Coalesces the frames sent to one client during one turn of the event loop into one write:
 * the first send of a turn corks the socket, setImmediate uncorks it. A lone event still goes
 * out in the same turn; when a server falls behind, the events it catches up on in one turn
 * cost one system call per client instead of one per event (most of a delivery's cost).
 * graphql-ws awaits each send's callback before the next message of a subscription: the
 * callback is called once the frame is queued, not written, or corking would hold one message
 * per turn. A failed write closes the socket, and graphql-ws cleans up on close.
 */
export function batchWrites(client: WebSocket, request: IncomingMessage): void {
  const socket = request.socket;
  const send = client.send.bind(client) as (data: unknown, options: object, callback?: (error?: Error) => void) => void;
  let corked = false;
  client.send = ((data: unknown, optionsOrCallback?: object | ((error?: Error) => void), maybeCallback?: (error?: Error) => void) => {
    const callback = typeof optionsOrCallback === "function" ? (optionsOrCallback as (error?: Error) => void) : maybeCallback;
    const options = typeof optionsOrCallback === "object" ? optionsOrCallback : {};
    if (client.readyState !== client.OPEN || socket.destroyed) return send(data, options, callback);
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    send(data, options);
    if (callback) queueMicrotask(() => callback());
  }) as WebSocket["send"];
}
