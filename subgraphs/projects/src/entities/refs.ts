import { Directive, Field, ID, ObjectType } from "type-graphql";

/** References to entities owned by people-territories: this subgraph only knows their ids. */
@ObjectType("Territory")
@Directive('@key(fields: "id", resolvable: false)')
export class TerritoryRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Organization")
@Directive('@key(fields: "id", resolvable: false)')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Person")
@Directive('@key(fields: "id", resolvable: false)')
export class PersonRef {
  @Field(() => ID)
  id!: string;
}
