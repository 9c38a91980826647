import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema with its descriptions, from GET /explorer/schema.graphql (signed-in callers:
 * introspection is off in production). Null when anonymous or unavailable: GraphiQL then
 * introspects, which answers in development.
 */
export async function loadSchema(token: string | null): Promise<GraphQLSchema | null> {
  if (!token) return null;
  const response = await fetch('/explorer/schema.graphql', { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
  if (!response?.ok) return null;
  return buildSchema(await response.text());
}
