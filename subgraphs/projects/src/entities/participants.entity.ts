import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** An agent a project is assigned to, for a theme. */
@Entity("project_assignee")
@ObjectType({ description: "An agent the project is assigned to." })
// Not resolvable here: people-territories adds `person` from `personId`, with its visibility rule.
@Directive('@key(fields: "projectId personId", resolvable: false)')
export class ProjectAssignee {
  @PrimaryColumn("uuid", { name: "project_id" })
  @Field(() => ID)
  @Directive("@inaccessible")
  projectId!: string;

  @PrimaryColumn("uuid", { name: "person_id" })
  @Field(() => ID)
  @Directive("@inaccessible")
  personId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "The theme they follow (Aides-Territoires slug)." })
  theme!: string | null;

  @Column("uuid", { name: "assigned_by", nullable: true })
  assignedBy!: string | null;

  @Column("timestamptz", { name: "assigned_at", default: () => "now()" })
  @Field()
  assignedAt!: Date;
}

/** An organisation associated with a project (expert, operator). */
@Entity("project_actor")
export class ProjectActor {
  @PrimaryColumn("uuid", { name: "project_id" })
  projectId!: string;

  @PrimaryColumn("text", { name: "organization_id" })
  organizationId!: string;

  @Column("uuid", { name: "added_by", nullable: true })
  addedBy!: string | null;

  @Column("timestamptz", { name: "added_at", default: () => "now()" })
  addedAt!: Date;
}
