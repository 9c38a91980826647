import { registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** How a person wants to hear of what happens on their projects. */
export enum NotificationFrequency {
  /** One e-mail per event, within a few seconds. */
  IMMEDIATE = "IMMEDIATE",
  /** One e-mail a day listing the day's events (none on a quiet day). */
  DAILY_DIGEST = "DAILY_DIGEST",
}
registerEnumType(NotificationFrequency, { name: "NotificationFrequency", description: "Immediate e-mails, or one daily digest." });

export enum NotificationStatus {
  PENDING = "PENDING",
  SENT = "SENT",
  /** Given up after too many attempts (the last error is kept). */
  FAILED = "FAILED",
}

/**
 * The outbox: one row per person and journal activity to tell them about, written in the
 * same transaction as the journal offset; the sender delivers each row once.
 */
@Entity("notification")
export class Notification {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id!: string;

  @Column("uuid", { name: "person_id" })
  personId!: string;

  /** The projects journal's activity id (unique with the person: a replayed page enqueues nothing twice). */
  @Column("bigint", { name: "activity_id" })
  activityId!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  /** SUBMITTED, ASSIGNED or MESSAGE (see rules/notification-events.ts). */
  @Column("text")
  event!: string;

  /** The subject of its own e-mail, in French. */
  @Column("text")
  subject!: string;

  /** The line of the e-mail, in French. */
  @Column("text")
  text!: string;

  /** The fiche's address. */
  @Column("text")
  link!: string;

  /** Part of a daily digest rather than an e-mail of its own. */
  @Column("boolean")
  digest!: boolean;

  /** Not sent before this instant (the digest's hour, or the next attempt after a failure). */
  @Column("timestamptz", { name: "due_at" })
  dueAt!: Date;

  @Column("text", { default: NotificationStatus.PENDING })
  status!: NotificationStatus;

  @Column("integer", { default: 0 })
  attempts!: number;

  @Column("text", { name: "last_error", nullable: true })
  lastError!: string | null;

  @Column("timestamptz", { name: "sent_at", nullable: true })
  sentAt!: Date | null;

  @Column("timestamptz", { name: "created_at", default: () => "now()" })
  createdAt!: Date;
}

/** How far a consumer has read the projects journal; stored in the same transaction as what it enqueued. */
@Entity("journal_offset")
export class JournalOffset {
  @PrimaryColumn("text")
  name!: string;

  @Column("bigint", { name: "last_id" })
  lastId!: string;

  /** When the consumer first ran: older activities (demo data, history) are not notified. */
  @Column("timestamptz", { name: "started_at", default: () => "now()" })
  startedAt!: Date;
}
