import type { ApolloServerPlugin } from "@apollo/server";
import { checkOperation } from "./check-operation";
import { CheckedOperations } from "./checked-operations";
import type { GatewayContext } from "../subgraph-data-source";
import type { OperationLimits } from "./operation-limits";
import type { GraphQLError } from "graphql";
import type { ProgrammeKey } from "../auth/api-keys";

/** Takes an operation's cost from a key's budget per minute: null when it fits, else the refusal. */
export type SpendCost = (programme: ProgrammeKey, cost: number, transport: "http" | "ws") => Promise<GraphQLError | null>;

/** The limits of one caller: a programme's key may carry its own cost budget. */
export function limitsFor(limits: OperationLimits | null, context: Pick<GatewayContext, "programme">): OperationLimits | null {
  const own = context.programme?.maxOperationCost;
  return limits && own ? { ...limits, maxCost: own } : limits;
}

/**
 * Runs the gateway's checks once Apollo has parsed and validated the operation, before the
 * query plan runs: HTTP operations and WebSocket queries/mutations (apollo.executeOperation).
 * Apollo answers the first error with its HTTP status (400). An operation that passed is not
 * checked again with the same variables and budget (CheckedOperations).
 */
export function limitsPlugin(limits: OperationLimits | null, spendCost: SpendCost = () => Promise.resolve(null)): ApolloServerPlugin<GatewayContext> {
  const checked = new CheckedOperations();
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ schema, document, request, contextValue }) {
          const own = limitsFor(limits, contextValue);
          const key = checked.keyOf(own?.maxCost ?? null, request.variables);
          let cost = checked.passed(schema, document, key);
          if (cost === null) {
            let measured = 0;
            const errors = checkOperation(schema, document, request.variables, own, (part) => (measured += part));
            if (errors.length > 0) throw errors[0];
            checked.remember(schema, document, key, measured);
            cost = measured;
          }
          // Within the limits: the operation's cost is taken from its key's budget per minute, if it has one.
          const refusal = contextValue.programme ? await spendCost(contextValue.programme, cost, contextValue.closeRateLimited ? "ws" : "http") : null;
          if (refusal) {
            contextValue.closeRateLimited?.(refusal.message);
            throw refusal;
          }
        },
      });
    },
  };
}
