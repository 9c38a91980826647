import type { ApolloServerPlugin } from "@apollo/server";
import { isAuthenticated, type CommonConfig, type Viewer } from "@hub/kit";
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from "graphql";
import type { GatewayContext } from "./subgraph-data-source";

/** The introspection fields (`__typename` is not one: it reveals nothing beyond the query). */
const INTROSPECTION_FIELDS = new Set(["__schema", "__type"]);

/** Documents already looked at (Apollo hands the same parsed document for the same text). */
const introspecting = new WeakMap<DocumentNode, boolean>();

/** Whether the document selects `__schema` or `__type` anywhere (fragments included). */
export function isIntrospection(document: DocumentNode): boolean {
  const known = introspecting.get(document);
  if (known !== undefined) return known;
  const found = selectsIntrospection(document);
  introspecting.set(document, found);
  return found;
}

function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** Who may introspect: anyone in development and test; in production, signed-in callers only (session or API key). */
export function mayIntrospect(mode: CommonConfig["mode"], viewer: Viewer): boolean {
  return mode !== "production" || isAuthenticated(viewer);
}

export function introspectionRefused(): GraphQLError {
  return new GraphQLError("Introspection is available to signed-in callers only", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

/**
 * Refuses introspection to anonymous callers in production, once Apollo has parsed and
 * validated the operation: HTTP operations and WebSocket queries (apollo.executeOperation).
 * A subscription cannot introspect (graphql-js refuses `__schema` at its root).
 */
export function introspectionPlugin(mode: CommonConfig["mode"]): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, contextValue }) {
          return isIntrospection(document) && !mayIntrospect(mode, contextValue.viewer) ? Promise.reject(introspectionRefused()) : Promise.resolve();
        },
      });
    },
  };
}

/**
 * graphql-js suggests names of the schema in its errors ("Did you mean "projects"?"): in
 * production they are removed, so that an anonymous caller cannot map the schema by guessing.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean(.+?)\?$/, "");
  return message === formatted.message ? formatted : { ...formatted, message };
}
