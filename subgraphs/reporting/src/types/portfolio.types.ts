import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

@ObjectType({ description: "How many projects have a status." })
export class StatusCount {
  @Field()
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "The projects of one theme, programme or phase, and their amounts." })
export class PortfolioBucket {
  @Field({ description: "The theme slug, programme or phase." })
  key!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: "Sum of the projects' estimated budgets, in euros." })
  budget!: number;

  @Field(() => Float, { description: "Sum requested by their funding applications, in euros." })
  amountRequested!: number;

  @Field(() => Float, { description: "Sum granted to their accepted funding applications, in euros." })
  amountGranted!: number;
}

@ObjectType({ description: "Amounts in euros." })
export class PortfolioAmounts {
  @Field(() => Float, { description: "Sum of the projects' estimated budgets." })
  budget!: number;

  @Field(() => Float, { description: "Sum requested by funding applications sent (en construction, en instruction, accepted or refused)." })
  amountRequested!: number;

  @Field(() => Float, { description: "Sum granted to accepted funding applications." })
  amountGranted!: number;
}

@ObjectType({ description: "Median whole days from a project's last submission to each next step (null when no project reached it)." })
export class PortfolioDelays {
  @Field(() => Float, { nullable: true })
  toQualification!: number | null;

  @Field(() => Float, { nullable: true })
  toAssignment!: number | null;

  @Field(() => Float, { nullable: true, description: "To the first decision (accepted, refused, closed) on one of its funding applications." })
  toFundingDecision!: number | null;
}

@ObjectType({ description: "Statistics of a portfolio of projects (reporting's read model of the journal). Drafts count only for those who may see them." })
export class Portfolio {
  @Field({ description: "The journal cursor (an activity id) these figures are current up to; activities after it are not counted yet." })
  currentAt!: string;

  @Field(() => Int)
  projectCount!: number;

  @Field(() => [StatusCount], { description: "By status, most frequent first." })
  byStatus!: StatusCount[];

  @Field(() => [PortfolioBucket], { description: "By theme (a project counts in each of its themes), most frequent first." })
  byTheme!: PortfolioBucket[];

  @Field(() => [PortfolioBucket], { description: "By programme (a project counts in each of its programmes), most frequent first." })
  byProgramme!: PortfolioBucket[];

  @Field(() => [PortfolioBucket], { description: "By phase (IDEE, ETUDE, OPERATION), most frequent first." })
  byPhase!: PortfolioBucket[];

  @Field(() => PortfolioAmounts)
  amounts!: PortfolioAmounts;

  @Field(() => PortfolioDelays)
  medianDays!: PortfolioDelays;

  @Field(() => Int, { description: "Projects not completed nor abandoned with no activity for 90 days." })
  inactiveProjectCount!: number;
}

@InputType({ description: "Which projects a portfolio counts; every field narrows it." })
export class PortfolioFilter {
  @Field(() => ID, { nullable: true, description: 'A territory (commune, EPCI, CRTE, département, région...) or "FRANCE"; none is France.' })
  territoryId?: string | null;

  @Field(() => String, { nullable: true, description: "A programme the projects belong to." })
  programme?: string | null;

  @Field(() => String, { nullable: true, description: "A theme slug of the projects." })
  theme?: string | null;

  @Field(() => String, { nullable: true, description: "A project status (DRAFT, SUBMITTED, QUALIFIED, ASSIGNED, IN_PROGRESS, COMPLETED, ABANDONED)." })
  status?: string | null;

  @Field(() => String, { nullable: true, description: "A phase (IDEE, ETUDE, OPERATION)." })
  phase?: string | null;

  @Field(() => String, { nullable: true, description: "Projects created on or after this day (YYYY-MM-DD, French time: a Europe/Paris calendar day)." })
  from?: string | null;

  @Field(() => String, { nullable: true, description: "Projects created on or before this day (YYYY-MM-DD, French time: a Europe/Paris calendar day)." })
  to?: string | null;
}

export enum PortfolioInterval {
  MONTH = "MONTH",
}
registerEnumType(PortfolioInterval, { name: "PortfolioInterval", description: "The period of a series' points." });

@ObjectType({ description: "One period of a portfolio series: what happened in it." })
export class PortfolioSeriesPoint {
  @Field({ description: "The period (YYYY-MM for a month)." })
  period!: string;

  @Field(() => Int, { description: "Projects created." })
  created!: number;

  @Field(() => Int, { description: "Projects whose last submission fell in it." })
  submitted!: number;

  @Field(() => Int)
  qualified!: number;

  @Field(() => Int)
  assigned!: number;

  @Field(() => Int, { description: "Projects whose first funding decision fell in it." })
  fundingDecided!: number;

  @Field(() => Float, { description: "Amounts granted to the projects of `fundingDecided`, in euros." })
  amountGranted!: number;
}

@ObjectType({ description: "A portfolio period by period, from its first to its last period with data (or the filter's from/to)." })
export class PortfolioSeries {
  @Field({ description: "The journal cursor these figures are current up to." })
  currentAt!: string;

  @Field(() => PortfolioInterval)
  interval!: PortfolioInterval;

  @Field(() => [PortfolioSeriesPoint])
  points!: PortfolioSeriesPoint[];
}

/** The territory, extended with its statistics. */
@ObjectType("Territory")
@Directive('@key(fields: "id")')
export class TerritoryWithStats {
  @Field(() => ID)
  id!: string;
}
