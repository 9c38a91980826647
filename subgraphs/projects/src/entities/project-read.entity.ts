import { Column, Entity, PrimaryColumn } from "typeorm";

/** How far a person has read a project's journal (`markProjectRead`): what is after it is unread. */
@Entity("project_read")
export class ProjectRead {
  @PrimaryColumn("uuid", { name: "person_id" })
  personId!: string;

  @PrimaryColumn("uuid", { name: "project_id" })
  projectId!: string;

  /** The newest activity of the project when it was last read (0: nothing yet). */
  @Column("bigint", { name: "last_activity_id" })
  lastActivityId!: string;

  @Column("timestamptz", { name: "read_at", default: () => "now()" })
  readAt!: Date;
}
