import { connectionType } from "@hub/kit";
import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { ApiKey } from "../entities/api-key.entity";

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
