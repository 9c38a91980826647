import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema with its descriptions, from GET /explorer/schema.graphql (signed-in callers;
 * one static file instead of an introspection query). Null when anonymous or unavailable:
 * GraphiQL then introspects, which the gateway answers in development only.
 */
export async function loadSchema(token: string | null): Promise<GraphQLSchema | null> {
  if (!token) return null;
  const response = await fetch('/explorer/schema.graphql', { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
  if (!response?.ok) return null;
  return buildSchema(await response.text());
}
