import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from "typeorm";

export enum ProjectStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  QUALIFIED = "QUALIFIED",
  ASSIGNED = "ASSIGNED",
  IN_PROGRESS = "IN_PROGRESS",
  COMPLETED = "COMPLETED",
  ABANDONED = "ABANDONED",
}
registerEnumType(ProjectStatus, { name: "ProjectStatus", description: "Where a project stands in its lifecycle." });

export enum ProjectPhase {
  IDEE = "IDEE",
  ETUDE = "ETUDE",
  OPERATION = "OPERATION",
}
registerEnumType(ProjectPhase, { name: "ProjectPhase", description: "Idée, Étude or Opération." });

export enum ProjectPriority {
  LOW = "LOW",
  NORMAL = "NORMAL",
  HIGH = "HIGH",
}
registerEnumType(ProjectPriority, { name: "ProjectPriority", description: "Set by the State when it qualifies the project." });

export enum Maturity {
  INTENTION = "INTENTION",
  PROGRAMMED = "PROGRAMMED",
  READY = "READY",
}
registerEnumType(Maturity, { name: "Maturity", description: "How far the project is from works: an intention, programmed, ready to start." });

@ObjectType({ description: "One line of a financing plan." })
export class FinancingLine {
  @Field({ description: "Who pays (the collectivité, the State, the région, Europe...)." })
  source!: string;

  @Field(() => Float, { description: "Amount in euros." })
  amountEuros!: number;

  @Field({ description: "Whether it is acquired." })
  secured!: boolean;
}

/** The état des lieux: what the collectivité knows of its project, in a fixed structure. */
@ObjectType({ description: "The état des lieux of a project." })
export class Diagnostic {
  @Field(() => String, { nullable: true, description: "The needs the project answers." })
  needs?: string | null;

  @Field(() => String, { nullable: true, description: "What blocks it today." })
  blockers?: string | null;

  @Field(() => [String], { description: "Partners already involved." })
  partners!: string[];

  @Field(() => [FinancingLine])
  financingPlan!: FinancingLine[];

  @Field(() => String, { nullable: true, description: "Calendar, in words." })
  calendar?: string | null;

  @Field(() => Maturity, { nullable: true })
  maturity?: Maturity | null;
}

@Entity("project")
@ObjectType({ description: "A territorial project carried by a collectivité." })
@Directive('@key(fields: "id")')
export class Project {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field()
  title!: string;

  @Column("text", { default: "" })
  @Field()
  description!: string;

  @Column("text", { default: ProjectStatus.DRAFT })
  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Column("text", { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: 'Aides-Territoires theme slugs (e.g. "eau", "energies-dechets").' })
  themes!: string[];

  /** The commune (or EPCI) concerned, kind-qualified. */
  @Column("text", { name: "territory_id" })
  territoryId!: string;

  /** Other communes concerned (kind-qualified), when the project covers several. */
  @Column("text", { array: true, name: "other_commune_ids", default: () => "'{}'" })
  otherCommuneIds!: string[];

  /** The territories concerned and every level above them (département, région, EPCI, CRTE), for filters and visibility. */
  @Column("text", { array: true, name: "territory_ids" })
  territoryIds!: string[];

  @Column("text", { name: "owner_id" })
  ownerId!: string;

  @Column("uuid", { name: "created_by_id", nullable: true })
  // Read by people-territories (@requires) to resolve the person, with its visibility rule; hidden from the API.
  @Field(() => ID, { nullable: true })
  @Directive("@inaccessible")
  createdById!: string | null;

  @Column("text", { default: ProjectPhase.IDEE })
  @Field(() => ProjectPhase)
  phase!: ProjectPhase;

  @Column("text", { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: 'Programmes the project belongs to (e.g. "CRTE", "Villages d\'avenir").' })
  programmes!: string[];

  @Column("bigint", { name: "budget_euros", nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  @Field(() => Float, { nullable: true, description: "Estimated budget in euros." })
  budgetEuros!: number | null;

  @Column("date", { name: "start_date", nullable: true })
  @Field(() => String, { nullable: true, description: "Planned start (YYYY-MM-DD)." })
  startDate!: string | null;

  @Column("date", { name: "end_date", nullable: true })
  @Field(() => String, { nullable: true, description: "Planned end (YYYY-MM-DD)." })
  endDate!: string | null;

  @Column("text", { nullable: true })
  @Field(() => ProjectPriority, { nullable: true })
  priority!: ProjectPriority | null;

  @Column("text", { name: "blocked_reason", nullable: true })
  @Field(() => String, { nullable: true, description: "Why the project is blocked; null when it is not." })
  blockedReason!: string | null;

  @Column("text", { name: "status_reason", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was last sent back, declined or abandoned." })
  statusReason!: string | null;

  @Column("timestamptz", { name: "submitted_at", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was last submitted." })
  submittedAt!: Date | null;

  @Column("text", { name: "external_source", nullable: true })
  @Field(() => String, { nullable: true, description: 'Where an imported project comes from (the `source` of `importProjects`, e.g. "crte-2026"); null for a project made here.' })
  externalSource!: string | null;

  @Column("text", { name: "external_id", nullable: true })
  @Field(() => String, { nullable: true, description: "The id its source gives an imported project, unique per source: importing it again updates it." })
  externalId!: string | null;

  /** Since when it is flagged inactive (a year without activity, or by hand); null when active. Cleared by new activity. */
  @Column("timestamptz", { name: "inactive_since", nullable: true })
  inactiveSince!: Date | null;

  @Column("text", { name: "inactive_reason", nullable: true })
  inactiveReason!: string | null;

  @Column("jsonb", { name: "diagnostic", default: () => "'{}'" })
  diagnosticData!: Partial<Diagnostic>;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  @Field()
  updatedAt!: Date;

  @VersionColumn()
  @Field(() => Int, { description: "Optimistic version, incremented by every change: send it back with your edits." })
  version!: number;
}
