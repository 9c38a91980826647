import type { ApolloServerPlugin } from "@apollo/server";
import { checkOperation } from "./check-operation";
import { CheckedOperations } from "./checked-operations";
import type { GatewayContext } from "../subgraph-data-source";
import type { OperationLimits } from "./operation-limits";

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
export function limitsPlugin(limits: OperationLimits | null): ApolloServerPlugin<GatewayContext> {
  const checked = new CheckedOperations();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, request, contextValue }) {
          const own = limitsFor(limits, contextValue);
          const key = checked.keyOf(own?.maxCost ?? null, request.variables);
          if (checked.passed(schema, document, key)) return Promise.resolve();
          const errors = checkOperation(schema, document, request.variables, own);
          if (errors.length > 0) return Promise.reject(errors[0]);
          checked.remember(schema, document, key);
          return Promise.resolve();
        },
      });
    },
  };
}
