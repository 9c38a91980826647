import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchemaSync, createResolversMap, type NonEmptyArray } from "type-graphql";

/** The Federation 2 directives the subgraphs use. */
export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for resolver and type classes
type ClassList = Function[];

/** How an entity is loaded from its representation (`{ __typename, id, ... }`). */
export type ReferenceResolver<C> = (reference: Record<string, unknown>, context: C) => unknown;

export interface SubgraphSchemaOptions<C> {
  resolvers: NonEmptyArray<ClassList[number]>;
  /** Types no query returns but the subgraph still defines (entities it only extends). */
  orphanedTypes?: ClassList;
  /** `__resolveReference` per entity type name; each must go through a DataLoader. */
  references?: Record<string, ReferenceResolver<C>>;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes. No I/O. Also returns the
 * subgraph SDL, the input of composition.
 */
export function buildFederatedSchema<C>(options: SubgraphSchemaOptions<C>): { schema: GraphQLSchema; sdl: string } {
  const typeGraphqlSchema = buildSchemaSync({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    validate: false,
    // Subscriptions bring their own `subscribe` source; type-graphql's topics are not used.
    pubSub: {
      publish: () => {
        throw new Error("type-graphql topics are not used: subscriptions declare `subscribe`");
      },
      subscribe: () => {
        throw new Error("type-graphql topics are not used: subscriptions declare `subscribe`");
      },
    },
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> }]);
  return { schema, sdl };
}
