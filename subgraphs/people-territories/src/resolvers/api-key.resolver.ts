import { authorize, connectionType, isStringPair, PageArgs, readPage, toConnection, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, Directive, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { ApiKey } from "../entities/api-key.entity";
import { createApiKey, revokeApiKey, verifyApiKey } from "../services/api-key.service";

export const ApiKeyConnection = connectionType("ApiKey", ApiKey);

@InputType()
export class CreateApiKeyInput {
  @Field({ description: "Who uses it, e.g. the programme's name." })
  name!: string;

  @Field(() => [String], { description: 'Scopes: "projects:read", "stats:read".' })
  scopes!: string[];
}

@ObjectType({ description: "A new API key: `key` is shown this once and cannot be read again." })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field()
  key!: string;
}

/** What the gateway needs to authenticate a programme: not part of the public API. */
@ObjectType()
@Directive("@inaccessible")
export class ApiKeyIdentity {
  @Field(() => ID)
  apiKeyId!: string;

  @Field(() => [String])
  scopes!: string[];
}


@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: "API keys of programmes, newest first (ANCT national agents)." })
  async apiKeys(@Args() args: PageArgs, @Ctx() { viewer, dataSource }: Context): Promise<Connection<ApiKey>> {
    authorize(viewer, "apikey:manage");
    const page = readPage(args, 100, isStringPair);
    const query = dataSource.getRepository(ApiKey).createQueryBuilder("k");
    if (page.after) query.where("(k.created_at, k.id) < (:at::timestamptz, :id::uuid)", { at: page.after[0], id: page.after[1] });
    const rows = await query.orderBy("k.created_at", "DESC").addOrderBy("k.id", "DESC").limit(page.limit).getMany();
    return toConnection(rows, page, (k) => [k.createdAt.toISOString(), k.id]);
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
    return apiKey ? { apiKeyId: apiKey.id, scopes: apiKey.scopes } : null;
  }
}
