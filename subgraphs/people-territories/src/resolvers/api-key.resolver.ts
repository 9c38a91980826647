import { authorize, PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { ApiKey } from "../entities/api-key.entity";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "../services/api-key.service";
import { ApiKeyConnection, ApiKeyIdentity, CreateApiKeyInput, CreatedApiKey } from "../types/api-key.types";

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: "API keys of programmes, newest first (ANCT national agents)." })
  apiKeys(@Args() args: PageArgs, @Ctx() { viewer, dataSource }: Context): Promise<Connection<ApiKey>> {
    return listApiKeys(dataSource, viewer, args);
  }

  @Mutation(() => CreatedApiKey, { description: "Creates a programme's API key (ANCT national agents)." })
  createApiKey(@Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() { viewer, dataSource }: Context): Promise<CreatedApiKey> {
    return createApiKey(dataSource, viewer, input);
  }

  @Mutation(() => ApiKey, { description: "Revokes an API key at once (ANCT national agents)." })
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() { viewer, dataSource }: Context): Promise<ApiKey> {
    return revokeApiKey(dataSource, viewer, id);
  }

  @Query(() => ApiKeyIdentity, { nullable: true, description: "Internal: the programme behind a key, for the gateway only." })
  @Directive("@inaccessible")
  async apiKeyIdentity(@Arg("key") key: string, @Ctx() { viewer, dataSource }: Context): Promise<ApiKeyIdentity | null> {
    authorize(viewer, "identity:resolve");
    const apiKey = await verifyApiKey(dataSource, key);
    return apiKey
      ? {
          apiKeyId: apiKey.id,
          scopes: apiKey.scopes,
          requestsPerMinute: apiKey.requestsPerMinute,
          maxOperationCost: apiKey.maxOperationCost,
          costPerMinute: apiKey.costPerMinute,
          trustedOperationsOnly: apiKey.trustedOperationsOnly,
          programmes: apiKey.programmes,
          territoryIds: apiKey.territoryIds,
        }
      : null;
  }
}
