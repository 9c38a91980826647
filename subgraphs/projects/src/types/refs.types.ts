import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Entities owned by people-territories: this subgraph knows their ids, and adds their projects
 * (Territory.projects, Organization.projects, Person.assignedProjects).
 */
@ObjectType("Territory")
@Directive('@key(fields: "id")')
export class TerritoryRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Organization")
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Person")
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id!: string;
}
