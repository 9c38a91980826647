import { Repeater } from "@repeaterjs/repeater";
import type { ExecutionResult, GraphQLError } from "graphql";

/** Sends one event, serialised once for all the subscribers of an upstream (a JSON ExecutionResult). */
export type Deliver = (payloadJson: string) => void;

/** One subscriber of a shared upstream. */
export interface Subscriber {
  /** Where its events go. */
  deliver: Deliver;
  /** Ends the subscription, after `errors` when given (graphql-ws sends them, then `complete`). */
  end(errors?: readonly GraphQLError[]): void;
}

/**
 * The handle graphql-ws holds for one subscription. Events do not travel through it (they go
 * to `deliver`, straight to the socket): it only ends, carrying a final error if the upstream
 * failed. `join` runs when graphql-ws first iterates the handle and returns what leaves; it
 * runs after the end (`Subscriber.end`) or when graphql-ws returns the handle (the client
 * completed or left). graphql-ws may return a handle it never iterated (a `complete` sent
 * before the subscription was set up): `join` then never runs, and nothing is left behind.
 */
export function subscriberHandle(deliver: Deliver, join: (subscriber: Subscriber) => () => void): Repeater<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const leave = join({
      deliver,
      end: (errors) => {
        if (errors) void push({ errors });
        stop();
      },
    });
    await stop;
    leave();
  });
}
