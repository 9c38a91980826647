import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
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
  @Field(() => [String], { description: "Aides-Territoires theme slugs (e.g. \"eau\", \"energies-dechets\")." })
  themes!: string[];

  /** The commune (or EPCI) concerned, kind-qualified. */
  @Column("text", { name: "territory_id" })
  territoryId!: string;

  /** The territory and every level above it (département, région, EPCI, CRTE), for filters. */
  @Column("text", { array: true, name: "territory_ids" })
  territoryIds!: string[];

  @Column("text", { name: "owner_id" })
  ownerId!: string;

  @Column("uuid", { name: "created_by_id", nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  @Field()
  updatedAt!: Date;

  @VersionColumn()
  @Field(() => Number, { description: "Optimistic version, incremented by every change." })
  version!: number;
}
