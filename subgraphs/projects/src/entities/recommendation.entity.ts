import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, DeleteDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from "typeorm";
import { ProjectPriority } from "./project.entity";

/** Where a recommendation stands, as the collectivité follows it up. */
export enum RecommendationStatus {
  PROPOSED = "PROPOSED",
  IN_PROGRESS = "IN_PROGRESS",
  BLOCKED = "BLOCKED",
  DONE = "DONE",
  NOT_INTERESTED = "NOT_INTERESTED",
  ALREADY_DONE = "ALREADY_DONE",
}
registerEnumType(RecommendationStatus, { name: "RecommendationStatus", description: "Proposée, en cours, bloquée, terminée, pas intéressé, déjà fait." });

/** DRAFT: seen by the State side only (State agents of the project, associated experts); PUBLISHED: shown to the collectivité. */
export enum RecommendationVisibility {
  DRAFT = "DRAFT",
  PUBLISHED = "PUBLISHED",
}
registerEnumType(RecommendationVisibility, { name: "RecommendationVisibility", description: "A draft (State side only) or published to the collectivité." });

/** Statuses that no longer call for anything: the rest are "open" (listed in reminders). */
export const CLOSED_RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [RecommendationStatus.DONE, RecommendationStatus.NOT_INTERESTED, RecommendationStatus.ALREADY_DONE];

/** A resource or a free recommendation pushed to a project by a State agent or an expert. */
@Entity("recommendation")
@ObjectType({ description: "A recommendation made to a project by the State or an expert: a resource of the library, or free advice." })
@Directive('@key(fields: "id")')
export class Recommendation {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  /** A resource sheet of the library (owned by funding), or null for a free recommendation. */
  @Column("uuid", { name: "resource_id", nullable: true })
  resourceId!: string | null;

  /** A contact of the contact book (owned by funding), or null. */
  @Column("uuid", { name: "contact_id", nullable: true })
  contactId!: string | null;

  @Column("text", { name: "contact_text", nullable: true })
  @Field(() => String, { nullable: true, description: "A contact in words (a person, a service, a phone number), beside or instead of `contact`." })
  contactText!: string | null;

  @Column("text")
  @Field()
  title!: string;

  @Column("text", { default: "" })
  @Field({ description: "Why it is recommended." })
  why!: string;

  @Column("text", { name: "what_to_do", default: "" })
  @Field({ description: "What to do." })
  whatToDo!: string;

  @Column("date", { nullable: true })
  @Field(() => String, { nullable: true, description: "Deadline (YYYY-MM-DD)." })
  deadline!: string | null;

  @Column("text", { default: ProjectPriority.NORMAL })
  @Field(() => ProjectPriority)
  priority!: ProjectPriority;

  @Column("text", { default: RecommendationStatus.PROPOSED })
  @Field(() => RecommendationStatus)
  status!: RecommendationStatus;

  @Column("text", { default: RecommendationVisibility.DRAFT })
  @Field(() => RecommendationVisibility)
  visibility!: RecommendationVisibility;

  /** The BLOCKED activity of the block it answers, or null. */
  @Column("bigint", { name: "block_activity_id", nullable: true })
  blockActivityId!: string | null;

  @Column("uuid", { name: "author_id", nullable: true })
  // Read by people-territories (@requires) to resolve the person, with its visibility rule; hidden from the API.
  @Field(() => ID, { nullable: true })
  @Directive("@inaccessible")
  authorId!: string | null;

  @Column("text", { name: "author_organization_id", nullable: true })
  authorOrganizationId!: string | null;

  @Column("timestamptz", { name: "published_at", nullable: true })
  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  @Field(() => Int, { description: "Optimistic version, incremented by every change (edit, publication, follow-up): send it back with `updateRecommendation`." })
  version!: number;

  /** Soft delete: a deleted recommendation leaves every read (typeorm filters it out) but keeps its follow-ups, reads and journal. */
  @DeleteDateColumn({ name: "deleted_at", type: "timestamptz", nullable: true })
  deletedAt!: Date | null;
}

/** The collectivité's (or the State's) answer: a comment and the status it sets. */
@Entity("recommendation_follow_up")
@ObjectType({ description: "A follow-up of a recommendation: a comment and the status it set." })
export class RecommendationFollowUp {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "recommendation_id" })
  recommendationId!: string;

  @Column("uuid", { name: "author_id", nullable: true })
  authorId!: string | null;

  @Column("text", { default: "" })
  @Field()
  comment!: string;

  @Column("text")
  @Field(() => RecommendationStatus)
  status!: RecommendationStatus;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;
}

/** Who read a recommendation, and when (first read). */
@Entity("recommendation_read")
@ObjectType({ description: "A read receipt: who read the recommendation, and when first." })
// Not resolvable here: people-territories adds `reader` from `personId`, with its visibility rule.
@Directive('@key(fields: "recommendationId personId", resolvable: false)')
export class RecommendationRead {
  @PrimaryColumn("uuid", { name: "recommendation_id" })
  @Field(() => ID)
  @Directive("@inaccessible")
  recommendationId!: string;

  @PrimaryColumn("uuid", { name: "person_id" })
  // Read by people-territories (@requires) to resolve `reader`; hidden from the API.
  @Field(() => ID)
  @Directive("@inaccessible")
  personId!: string;

  @Column("timestamptz", { name: "read_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  readAt!: Date;
}
