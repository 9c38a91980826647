import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum FundingKind {
  FINANCIAL = "FINANCIAL",
  ENGINEERING = "ENGINEERING",
}
registerEnumType(FundingKind, { name: "FundingKind", description: "Money, or engineering support." });

/** An aid listed by Aides-Territoires. */
@ObjectType({ description: "A funding or engineering aid from Aides-Territoires." })
@Directive('@key(fields: "id")')
export class FundingOpportunity {
  @Field(() => ID, { description: 'Kind-qualified id: "AT:<Aides-Territoires aid id>".' })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: "The aid's page on Aides-Territoires." })
  url!: string;

  @Field(() => FundingKind)
  kind!: FundingKind;

  @Field(() => [String], { description: "Who funds it." })
  financers!: string[];

  @Field(() => [String], { description: "Natures of the aid (Subvention, Prêt, Ingénierie technique...)." })
  aidTypes!: string[];

  @Field(() => [String], { description: '"Theme / Category" labels.' })
  categories!: string[];

  @Field(() => String, { nullable: true, description: "Name of the area where it applies." })
  perimeter!: string | null;

  @Field(() => String, { nullable: true, description: "Last day to apply (YYYY-MM-DD), null when permanent." })
  submissionDeadline!: string | null;

  @Field(() => Int, { nullable: true, description: "Highest subsidy rate, in percent." })
  subventionRateUpperBound!: number | null;
}

/** Entities owned elsewhere, known here by their key. */
@ObjectType("Territory")
@Directive('@key(fields: "id", resolvable: false)')
export class TerritoryRef {
  @Field(() => ID)
  id!: string;
}

/** The project, extended with its funding proposals. Themes and territory come from projects. */
@ObjectType("Project")
@Directive('@key(fields: "id")')
export class FundedProject {
  @Field(() => ID)
  id!: string;

  @Field(() => [String])
  @Directive("@external")
  themes!: string[];

  @Field(() => TerritoryRef)
  @Directive("@external")
  territory!: TerritoryRef;
}
