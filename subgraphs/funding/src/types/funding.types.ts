import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum FundingKind {
  FINANCIAL = "FINANCIAL",
  ENGINEERING = "ENGINEERING",
}
registerEnumType(FundingKind, { name: "FundingKind", description: "Money, or engineering support." });

/** An aid listed by Aides-Territoires, with why it fits when it comes from a ranked list. */
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

  @Field(() => Int, { nullable: true, description: "Fit with the project or the search, 0 to 100 (see reasons); null outside a ranked list." })
  score!: number | null;

  @Field(() => [String], { description: 'Why it fits, in French ("Couvre votre commune", "Thème : Eau et milieux aquatiques", "Date limite dans 12 jours"...); empty outside a ranked list.' })
  reasons!: string[];

  @Field({ description: "What the aid finances and how (HTML from Aides-Territoires)." })
  description!: string;

  @Field(() => String, { nullable: true, description: "Who may apply and on what conditions (HTML)." })
  eligibility!: string | null;

  @Field(() => [String], { description: "Who funds it." })
  financers!: string[];

  @Field(() => [String], { description: "Who examines the applications." })
  instructors!: string[];

  @Field(() => [String], { description: "Programmes it belongs to." })
  programs!: string[];

  @Field(() => [String], { description: "Natures of the aid (Subvention, Prêt, Ingénierie technique...)." })
  aidTypes!: string[];

  @Field(() => [String], { description: '"Theme / Category" labels.' })
  categories!: string[];

  @Field(() => [String], { description: "Who it is for (Commune, EPCI à fiscalité propre...)." })
  targetedAudiences!: string[];

  @Field(() => [String], { description: "Project steps it supports (Réflexion / conception, Mise en œuvre / réalisation, Usage / valorisation)." })
  steps!: string[];

  @Field(() => [String], { description: "Expenses it covers (Dépenses d'investissement, Dépenses de fonctionnement)." })
  destinations!: string[];

  @Field(() => String, { nullable: true, description: "Name of the area where it applies." })
  perimeter!: string | null;

  @Field({ description: "A call for projects (or for expressions of interest), with its own calendar." })
  callForProjects!: boolean;

  @Field(() => String, { nullable: true, description: "Last day to apply (YYYY-MM-DD), null when permanent." })
  submissionDeadline!: string | null;

  @Field(() => Int, { nullable: true, description: "Lowest subsidy rate, in percent." })
  subventionRateLowerBound!: number | null;

  @Field(() => Int, { nullable: true, description: "Highest subsidy rate, in percent." })
  subventionRateUpperBound!: number | null;

  @Field(() => String, { nullable: true, description: "The financer's remark on the rate." })
  subventionComment!: string | null;

  @Field(() => String, { nullable: true, description: "Where to apply (the financer's form or démarche); null: see contact." })
  applicationUrl!: string | null;

  @Field(() => String, { nullable: true, description: "The financer's own page on the aid." })
  originUrl!: string | null;

  @Field(() => String, { nullable: true, description: "Whom to contact (HTML)." })
  contact!: string | null;

  @Field({ description: "When Aides-Territoires last confirmed these data." })
  fetchedAt!: Date;

  @Field({ description: "True when Aides-Territoires could not be reached and these data are older than the cache's lifetime." })
  stale!: boolean;
}
