import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "How many projects have a status." })
export class StatusCount {
  @Field()
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "Counts over the projects of a territory (including all the levels it contains)." })
export class TerritoryStats {
  @Field(() => Int)
  projectCount!: number;

  @Field(() => [StatusCount], { description: "By status, most frequent first." })
  byStatus!: StatusCount[];
}

/** The territory, extended with its statistics. */
@ObjectType("Territory")
@Directive('@key(fields: "id")')
export class TerritoryWithStats {
  @Field(() => ID)
  id!: string;
}
