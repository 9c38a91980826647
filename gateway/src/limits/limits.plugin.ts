import type { ApolloServerPlugin } from "@apollo/server";
import { checkOperation } from "./check-operation";
import type { OperationLimits } from "./operation-limits";

/**
 * Runs the gateway's checks once Apollo has parsed and validated the operation, before the
 * query plan runs: HTTP operations and WebSocket queries/mutations (apollo.executeOperation).
 * Apollo answers the first error with its HTTP status (400).
 */
export function limitsPlugin(limits: OperationLimits | null): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, request }) {
          const errors = checkOperation(schema, document, request.variables, limits);
          return errors.length > 0 ? Promise.reject(errors[0]) : Promise.resolve();
        },
      });
    },
  };
}
