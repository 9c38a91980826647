import { Column, Entity, PrimaryColumn } from "typeorm";

/** The read model of one project, projected from the activity journal. */
@Entity("project_fact")
export class ProjectFact {
  @PrimaryColumn("uuid", { name: "project_id" })
  projectId!: string;

  /** Its territory and every level above it. */
  @Column("text", { array: true, name: "territory_ids" })
  territoryIds!: string[];

  @Column("text")
  status!: string;

  @Column("text", { array: true })
  themes!: string[];

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
