import { Field, Float, ID, InputType, registerEnumType } from "type-graphql";
import { ActivityKind } from "../entities/activity.entity";
import { Maturity, ProjectPhase, ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { Transition } from "../rules/lifecycle";
import { ProjectOrderField, SortDirection } from "../rules/project-order";

registerEnumType(Transition, { name: "ProjectTransition", description: "A step of the project lifecycle." });
registerEnumType(ProjectOrderField, {
  name: "ProjectOrderField",
  description: "What a list of projects is sorted by; ties are broken by id, in the same direction.",
  valuesConfig: {
    CREATED: { description: "Creation instant." },
    UPDATED: { description: "Last change of the fiche (updatedAt)." },
    SUBMITTED: { description: "Submission instant; projects never submitted come last in both directions." },
    PRIORITY: { description: "The State's priority: DESC gives HIGH, NORMAL, LOW, then projects without one." },
    TITLE: { description: "Title (the database's collation)." },
  },
});
registerEnumType(SortDirection, { name: "SortDirection" });

@InputType({ description: "The order of a list of projects." })
export class ProjectOrderInput {
  @Field(() => ProjectOrderField)
  field!: ProjectOrderField;

  @Field(() => SortDirection, { nullable: true, description: "Default: DESC (latest, highest priority first), ASC for TITLE." })
  direction?: SortDirection | null;
}

@InputType({ description: "A range of instants: `from` included, `to` excluded; either may be left out." })
export class DateRangeInput {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@InputType({ description: "The editable fields of a project fiche; those omitted are left as they are." })
export class ProjectFieldsInput {
  @Field(() => String, { nullable: true, description: "1 to 200 characters." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Up to 5,000 characters." })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: "Aides-Territoires theme slugs." })
  themes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Programmes, e.g. "CRTE", "Villages d\'avenir".' })
  programmes?: string[] | null;

  @Field(() => ProjectPhase, { nullable: true })
  phase?: ProjectPhase | null;

  @Field(() => Float, { nullable: true, description: "Estimated budget in euros." })
  budgetEuros?: number | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  endDate?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Other communes concerned when the project covers several (COMMUNE:<INSEE code>, at most 200); replaces the list. The State of each of their départements follows the project.",
  })
  communeIds?: string[] | null;
}

@InputType({ description: "A new project, created as a draft." })
export class CreateProjectInput extends ProjectFieldsInput {
  @Field({ description: "1 to 200 characters." })
  title!: string;

  @Field(() => ID, { description: "The main territory concerned, where the project is carried: a commune (COMMUNE:<INSEE code>) or an EPCI (EPCI:<SIREN>)." })
  territoryId!: string;
}

@InputType({ description: "Narrows a list of projects; all given criteria must hold." })
export class ProjectFilter {
  @Field(() => ID, { nullable: true, description: "Projects concerning this territory (a commune, or any level containing one of their communes)." })
  territoryId?: string | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => String, { nullable: true, description: "Aides-Territoires theme slug." })
  theme?: string | null;

  @Field(() => String, { nullable: true })
  programme?: string | null;

  @Field(() => String, { nullable: true, description: "Words of the title." })
  search?: string | null;

  @Field(() => Date, { nullable: true, description: "Submitted before this instant (age of an intention)." })
  submittedBefore?: Date | null;

  @Field(() => DateRangeInput, { nullable: true, description: "Created in this range." })
  created?: DateRangeInput | null;

  @Field(() => DateRangeInput, { nullable: true, description: "Last changed (updatedAt) in this range." })
  updated?: DateRangeInput | null;

  @Field(() => DateRangeInput, { nullable: true, description: "Submitted in this range (never-submitted projects are left out)." })
  submitted?: DateRangeInput | null;
}

@InputType()
export class FinancingLineInput {
  @Field()
  source!: string;

  @Field(() => Float)
  amountEuros!: number;

  @Field()
  secured!: boolean;
}

@InputType({ description: "The whole état des lieux (replaces the previous one)." })
export class DiagnosticInput {
  @Field(() => String, { nullable: true })
  needs?: string | null;

  @Field(() => String, { nullable: true })
  blockers?: string | null;

  @Field(() => [String], { nullable: true })
  partners?: string[] | null;

  @Field(() => [FinancingLineInput], { nullable: true })
  financingPlan?: FinancingLineInput[] | null;

  @Field(() => String, { nullable: true })
  calendar?: string | null;

  @Field(() => Maturity, { nullable: true })
  maturity?: Maturity | null;
}

@InputType()
export class AssigneeInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true, description: "The theme they follow." })
  theme?: string | null;
}

@InputType({ description: "A lifecycle step; reason, priority and assignees as the step requires." })
export class TransitionInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => Transition)
  transition!: Transition;

  @Field(() => String, { nullable: true, description: "Required to send back, decline or abandon." })
  reason?: string | null;

  @Field(() => ProjectPriority, { nullable: true, description: "Required to qualify." })
  priority?: ProjectPriority | null;

  @Field(() => [AssigneeInput], { nullable: true, description: "Required to assign." })
  assignees?: AssigneeInput[] | null;
}

@InputType({ description: "Which activities to read." })
export class ActivityFilter {
  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: "Projects in this territory." })
  territoryId?: string | null;

  @Field(() => [ActivityKind], { nullable: true })
  kinds?: ActivityKind[] | null;
}

@InputType({ description: "Internal: an event of another subgraph for the journal." })
export class RecordActivityInput {
  @Field(() => ID)
  projectId!: string;

  @Field()
  summary!: string;

  @Field({ description: "The caller's own event id: the same key twice records one activity." })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: "JSON object." })
  payload?: string | null;

  @Field(() => ActivityKind, { nullable: true, description: "EXTERNAL (default) or FUNDING_APPLICATION." })
  kind?: ActivityKind | null;
}
