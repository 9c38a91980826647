import { Column, Entity, PrimaryColumn, type ValueTransformer } from "typeorm";

/** numeric columns (euros) come back from pg as strings: they are read as numbers. */
export const EUROS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * The read model of one project, projected from the activity journal: its latest state and
 * the date of each step. The exports read these columns by name.
 */
@Entity("project_fact")
export class ProjectFact {
  @PrimaryColumn("uuid", { name: "project_id" })
  projectId!: string;

  /** Its main territory (a commune or an EPCI). */
  @Column("text", { name: "territory_id" })
  territoryId!: string;

  /** Its territories and every level above them (commune, EPCI, CRTE, département, région), and "FRANCE". */
  @Column("text", { array: true, name: "territory_ids" })
  territoryIds!: string[];

  @Column("text")
  title!: string;

  @Column("text")
  status!: string;

  @Column("text", { array: true })
  themes!: string[];

  @Column("text", { array: true })
  programmes!: string[];

  @Column("text")
  phase!: string;

  /** The collectivité that carries it (its organisation id). */
  @Column("text", { name: "owner_id" })
  ownerId!: string;

  /** Organisations associated with it (they see its drafts, as its owner does). */
  @Column("text", { array: true, name: "actor_organization_ids" })
  actorOrganizationIds!: string[];

  /** Estimated budget in euros, when the fiche gives one. */
  @Column("numeric", { precision: 16, scale: 2, nullable: true, transformer: EUROS })
  budget!: number | null;

  /** Sum of its funding applications' requested amounts. */
  @Column("numeric", { name: "amount_requested", precision: 16, scale: 2, transformer: EUROS })
  amountRequested!: number;

  /** Sum of the amounts granted to its accepted funding applications. */
  @Column("numeric", { name: "amount_granted", precision: 16, scale: 2, transformer: EUROS })
  amountGranted!: number;

  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  /** When it was last submitted. */
  @Column("timestamptz", { name: "submitted_at", nullable: true })
  submittedAt!: Date | null;

  /** When it was first qualified after its last submission. */
  @Column("timestamptz", { name: "qualified_at", nullable: true })
  qualifiedAt!: Date | null;

  /** When agents were first assigned after its last submission. */
  @Column("timestamptz", { name: "assigned_at", nullable: true })
  assignedAt!: Date | null;

  /** When a funding application of it was first decided (accepted, refused or closed) after its last submission. */
  @Column("timestamptz", { name: "funding_decided_at", nullable: true })
  fundingDecidedAt!: Date | null;

  @Column("timestamptz", { name: "last_activity_at" })
  lastActivityAt!: Date;

  /** The journal cursor of its last activity. */
  @Column("bigint", { name: "last_activity_id" })
  lastActivityId!: string;
}

/** How far a consumer has read a journal; stored in the same transaction as its projections. */
@Entity("journal_offset")
export class JournalOffset {
  @PrimaryColumn("text")
  name!: string;

  @Column("bigint", { name: "last_id" })
  lastId!: string;
}
