import { Field, Int, ObjectType } from "type-graphql";
import { TerritoryRef } from "./refs.types";

@ObjectType({ description: "How many projects you see in one département." })
export class DepartementProjectCount {
  @Field({ description: "The département's INSEE code (63, 2A, 971...)." })
  code!: string;

  @Field(() => TerritoryRef, { nullable: true, description: "The département (DEPARTEMENT:<code>). Null, with an error naming the people-territories subgraph, when that subgraph cannot answer." })
  departement!: TerritoryRef;

  @Field(() => Int, { description: "Projects you see there that match the filter (a project over several départements counts in each)." })
  count!: number;
}

@ObjectType({ description: "The map of projects: how many projects you see per département, with the list's filters." })
export class ProjectMap {
  @Field(() => Int, { description: "Projects you see that match the filter, each once." })
  totalCount!: number;

  @Field(() => [DepartementProjectCount], { description: "The départements holding at least one of them, by code." })
  departements!: DepartementProjectCount[];
}
