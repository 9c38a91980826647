import { Repeater } from "@repeaterjs/repeater";
import { GraphQLError, type ExecutionResult } from "graphql";

const STOPPED: unique symbol = Symbol("stopped");

/**
 * Sends the events of `source`, each serialised by `serialise`, in order, with `send` (the
 * protocol's `next` message written to the socket). Returns the subscription's handle for
 * graphql-ws: it ends when the source does (graphql-ws then sends `complete`), carries one
 * error if the source or the serialising fails, and returning it returns the source.
 *
 * The handle starts pumping when graphql-ws first iterates it. graphql-ws may return a handle
 * it never iterated (a `complete` sent before the subscription was set up): the source is then
 * never iterated either, so a source must hold nothing until it is (a Repeater or an async
 * generator whose body acquires what it needs, as the projects subgraph's activity stream).
 * Events are pulled one at a time: the next is read once the previous one is sent.
 */
export function deliverDirectly(source: AsyncIterable<unknown>, serialise: (event: unknown) => Promise<string>, send: (payloadJson: string) => void): Repeater<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    const stopped = stop.then((): typeof STOPPED => STOPPED);
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), stopped]);
        if (next === STOPPED || next.done) break;
        const payload = await Promise.race([serialise(next.value), stopped]);
        if (payload === STOPPED) break;
        send(payload);
      }
    } catch (error) {
      void push({ errors: [new GraphQLError((error as Error).message)] });
    } finally {
      await iterator.return?.();
    }
    stop();
  });
}
