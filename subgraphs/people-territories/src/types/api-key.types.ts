import { connectionType } from "@hub/kit";
import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ApiKey } from "../entities/api-key.entity";

export const ApiKeyConnection = connectionType("ApiKey", ApiKey);

@InputType()
export class CreateApiKeyInput {
  @Field({ description: "Who uses it, e.g. the programme's name." })
  name!: string;

  @Field(() => [String], { description: 'Scopes: "projects:read", "stats:read".' })
  scopes!: string[];

  @Field(() => Int, { nullable: true, description: "Its own rate limit, 1 to 60000 requests per minute (default: the gateway's for keys, 600)." })
  requestsPerMinute?: number | null;

  @Field(() => Int, { nullable: true, description: "Its own cost budget per operation, 1 to 1000000 (default: the gateway's QUERY_MAX_COST, 10000)." })
  maxOperationCost?: number | null;

  @Field(() => Int, { nullable: true, description: "Its cost budget per minute, 1 to 10000000: the total estimated cost of its operations in any minute (default: none, only the rate)." })
  costPerMinute?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Only registered operations (trusted documents) will run for it (default false)." })
  trustedOperationsOnly?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Limits the key to the projects (and figures) of these programmes, exactly as projects name them (e.g. "CRTE", "Villages d\'avenir"); at most 20.',
  })
  programmes?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Limits the key to the projects (and figures) in these territories ("REGION:84", "DEPARTEMENT:63", "EPCI:…", "CRTE:…", "COMMUNE:…"); at most 100. With programmes too, both limits apply.',
  })
  territoryIds?: string[] | null;
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

  @Field(() => Int, { nullable: true })
  requestsPerMinute!: number | null;

  @Field(() => Int, { nullable: true })
  maxOperationCost!: number | null;

  @Field(() => Int, { nullable: true })
  costPerMinute!: number | null;

  @Field()
  trustedOperationsOnly!: boolean;

  @Field(() => [String])
  programmes!: string[];

  @Field(() => [String])
  territoryIds!: string[];
}
