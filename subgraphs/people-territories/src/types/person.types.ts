import { connectionType } from "@hub/kit";
import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { AccountStatus, Person } from "../entities/person.entity";

export const PersonConnection = connectionType("Person", Person);

@InputType({ description: "Which accounts the administration lists (every criterion given must hold)." })
export class PeopleFilter {
  @Field(() => String, { nullable: true, description: "Words each found in the given name, usual name or email (case and accents ignored; at most 100 characters)." })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: "Members of this organisation only." })
  organizationId?: string | null;

  @Field(() => AccountStatus, { nullable: true })
  status?: AccountStatus | null;
}

/** What the gateway needs to sign a session: not part of the public API. */
@ObjectType()
@Directive("@inaccessible")
export class Identity {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String])
  departements!: string[];

  @Field(() => [String])
  communes!: string[];
}

@InputType()
@Directive("@inaccessible")
export class ProConnectClaimsInput {
  @Field()
  sub!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  givenName!: string | null;

  @Field(() => String, { nullable: true })
  usualName!: string | null;

  @Field(() => String, { nullable: true })
  siret!: string | null;
}

@ObjectType()
@Directive("@inaccessible")
export class SignInResult {
  @Field(() => Identity, { nullable: true })
  identity!: Identity | null;

  @Field(() => String, { nullable: true, description: "When refused: SUSPENDED, SUB_MISMATCH, INVITATION_REQUIRED or NO_ORGANIZATION." })
  refusal!: string | null;
}
