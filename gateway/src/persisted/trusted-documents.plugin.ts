import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "../subgraph-data-source";
import { sha256, type TrustedDocuments } from "./trusted-documents";

/** The refusal of an operation that is not registered, for a key that runs registered operations only. */
export function notInList(hash: string): GraphQLError {
  return new GraphQLError(`This API key runs registered operations only: operation ${hash} is not registered`, {
    extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST", http: { status: 403 } },
  });
}

/**
 * Trusted documents: for a programme's key created with `trustedOperationsOnly`, only
 * registered operations run (their text's SHA-256 in a manifest), sent by hash (APQ's
 * `extensions.persistedQuery`) or in full; anything else is refused with
 * PERSISTED_QUERY_NOT_IN_LIST (HTTP 403) before the query plan. Other callers are not concerned.
 */
export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart({ contextValue }) {
      // Over WebSocket the operation's text was checked on arrival (onSubscribe).
      if (!contextValue.programme?.trustedOperationsOnly || contextValue.operationChecked) return Promise.resolve();
      return Promise.resolve({
        didResolveOperation({ source }) {
          const hash = sha256(source);
          return trusted.has(hash) ? Promise.resolve() : Promise.reject(notInList(hash));
        },
      });
    },
  };
}
