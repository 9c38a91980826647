import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ActionStatus {
  PROPOSED = "PROPOSED",
  IN_PROGRESS = "IN_PROGRESS",
  BLOCKED = "BLOCKED",
  DONE = "DONE",
  NOT_RELEVANT = "NOT_RELEVANT",
}
registerEnumType(ActionStatus, { name: "ActionStatus" });

/** An action or recommendation on a project. */
@Entity("project_action")
@ObjectType("ProjectAction", { description: "An action or recommendation on a project, with its status." })
export class ProjectAction {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("text")
  @Field()
  title!: string;

  @Column("text", { default: "" })
  @Field()
  description!: string;

  @Column("text", { default: ActionStatus.PROPOSED })
  @Field(() => ActionStatus)
  status!: ActionStatus;

  @Column("uuid", { name: "created_by", nullable: true })
  createdBy!: string | null;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  updatedAt!: Date;
}
