import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ActivityKind {
  PROJECT_CREATED = "PROJECT_CREATED",
  PROJECT_UPDATED = "PROJECT_UPDATED",
  DIAGNOSTIC_UPDATED = "DIAGNOSTIC_UPDATED",
  STATUS_CHANGED = "STATUS_CHANGED",
  PRIORITY_SET = "PRIORITY_SET",
  ASSIGNED = "ASSIGNED",
  BLOCKED = "BLOCKED",
  UNBLOCKED = "UNBLOCKED",
  ACTOR_ADDED = "ACTOR_ADDED",
  COMMENT_ADDED = "COMMENT_ADDED",
  ACTION_ADDED = "ACTION_ADDED",
  ACTION_STATUS_CHANGED = "ACTION_STATUS_CHANGED",
  DOCUMENT_ADDED = "DOCUMENT_ADDED",
  DOCUMENT_DELETED = "DOCUMENT_DELETED",
  /** A recommendation written (a draft, or published at once). */
  RECOMMENDATION_CREATED = "RECOMMENDATION_CREATED",
  /** A draft recommendation shown to the collectivité. */
  RECOMMENDATION_PUBLISHED = "RECOMMENDATION_PUBLISHED",
  /** A follow-up (comment and status) on a recommendation. */
  RECOMMENDATION_FOLLOWED_UP = "RECOMMENDATION_FOLLOWED_UP",
  /** A person read a recommendation for the first time. */
  RECOMMENDATION_READ = "RECOMMENDATION_READ",
  /** A recommendation edited (why, what to do, contact, deadline, priority, resource). */
  RECOMMENDATION_UPDATED = "RECOMMENDATION_UPDATED",
  /** A recommendation deleted (soft: its follow-ups and journal stay). */
  RECOMMENDATION_DELETED = "RECOMMENDATION_DELETED",
  /** "Où en êtes-vous ?": weeks without activity, the collectivité is reminded (written by the scheduled scan; not activity itself). */
  REMINDER_DUE = "REMINDER_DUE",
  /** The project was flagged inactive (a year without activity, or by hand with a reason; not activity itself). */
  PROJECT_INACTIVE = "PROJECT_INACTIVE",
  /** Recorded by another subgraph (funding: an application prepared or decided...). */
  EXTERNAL = "EXTERNAL",
  /** Recorded by funding: a Démarches Simplifiées dossier prepared or changing state. */
  FUNDING_APPLICATION = "FUNDING_APPLICATION",
}
registerEnumType(ActivityKind, { name: "ActivityKind" });

/** Kinds the hub writes about a project's silence: they neither count as activity nor reactivate it. */
export const SILENCE_KINDS: readonly ActivityKind[] = [ActivityKind.REMINDER_DUE, ActivityKind.PROJECT_INACTIVE];

/** One immutable entry of the journal. Its id is an increasing cursor. */
@Entity("activity")
@ObjectType({ description: "An immutable event of a project's life, in the order of the journal." })
// people-territories adds `actor` from `actorId`.
@Directive('@key(fields: "id")')
export class Activity {
  @PrimaryGeneratedColumn({ type: "bigint" })
  @Field(() => ID, { description: "Increasing cursor of the journal." })
  id!: string;

  @Column("timestamptz", { default: () => "now()" })
  @Field()
  at!: Date;

  @Column("text")
  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("uuid", { name: "actor_id", nullable: true })
  // Read by people-territories (@requires) to resolve the person, with its visibility rule; hidden from the API.
  @Field(() => ID, { nullable: true })
  @Directive("@inaccessible")
  actorId!: string | null;

  @Column("text")
  @Field({ description: "What happened, in French, for people." })
  summary!: string;

  @Column("jsonb")
  payload!: Record<string, unknown>;

  /** About an internal note: shown to State agents only. */
  @Column("boolean", { default: false })
  @Field({ description: "About an internal note of the State (only its agents see such activities)." })
  internal!: boolean;

  /** Set by other subgraphs: the same key twice records one activity. */
  @Column("text", { name: "idempotency_key", nullable: true, unique: true })
  idempotencyKey!: string | null;
}
