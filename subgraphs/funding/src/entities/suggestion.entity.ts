import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * A rule of the library: projects with one of its tags, on one of its themes, in one of its
 * territories are suggested its resources. A criterion left empty matches every project.
 */
@Entity("suggestion_rule")
@ObjectType({ description: "A suggestion rule: tags × themes × territory → resources of the library." })
export class SuggestionRule {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field({ description: "What it is for, in a few words (« Chauffage au fioul d'un bâtiment public »)." })
  name!: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "Matches a project with any of these tags (from its état des lieux); empty: any project." })
  tags!: string[];

  @Column("text", { array: true })
  @Field(() => [String], { description: "Matches a project on any of these themes; empty: any theme." })
  themes!: string[];

  /** Régions and départements; empty: all of France. */
  @Column("text", { name: "territory_ids", array: true })
  territoryIds!: string[];

  @Column("uuid", { name: "resource_ids", array: true })
  resourceIds!: string[];

  /** The hub organisation that maintains it (its experts may edit it). */
  @Column("text", { name: "owner_organization_id", nullable: true })
  ownerOrganizationId!: string | null;

  @Column("integer")
  @Field(() => Int, { description: "Increases with every edit; pass it back to updateSuggestionRule or deleteSuggestionRule." })
  version!: number;

  @Column("uuid", { name: "updated_by", nullable: true })
  updatedBy!: string | null;

  @Column("timestamptz", { name: "created_at" })
  @Field()
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at" })
  @Field()
  updatedAt!: Date;
}

/**
 * A suggestion the State side discarded for a project: no longer suggested to it while in force.
 * Restoring it keeps the row (who restored it, when): the history stays whole, and at most one
 * discard per project and resource is in force (a partial unique index).
 */
@Entity("suggestion_discard")
@ObjectType({ description: "A suggestion discarded for a project: who, when, why, and who restored it and when. While in force (not restored), the resource is no longer suggested to it." })
export class SuggestionDiscard {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("uuid", { name: "resource_id" })
  resourceId!: string;

  @Column("uuid", { name: "discarded_by", nullable: true })
  discardedBy!: string | null;

  @Column("text", { default: "" })
  @Field({ description: "Why (may be empty)." })
  reason!: string;

  @Column("timestamptz", { name: "discarded_at" })
  @Field()
  discardedAt!: Date;

  @Column("uuid", { name: "restored_by", nullable: true })
  restoredBy!: string | null;

  @Column("timestamptz", { name: "restored_at", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was restored (suggested again); null while the discard is in force." })
  restoredAt!: Date | null;
}
