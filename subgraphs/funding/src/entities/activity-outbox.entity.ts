import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * An Activity to record on a project through the projects subgraph's idempotent
 * `recordActivity`, written in the same transaction as the change it reports and deleted
 * never: `delivered_at` marks it sent; until then it is retried.
 */
@Entity("activity_outbox")
export class ActivityOutboxEntry {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("text")
  summary!: string;

  @Column("jsonb")
  payload!: Record<string, unknown>;

  /** Sent as recordActivity's idempotency key: a retry after a lost answer records nothing twice. */
  @Column("text", { name: "idempotency_key", unique: true })
  idempotencyKey!: string;

  @Column("timestamptz", { name: "created_at", default: () => "now()" })
  createdAt!: Date;

  @Column("integer", { default: 0 })
  attempts!: number;

  @Column("timestamptz", { name: "next_attempt_at", default: () => "now()" })
  nextAttemptAt!: Date;

  @Column("timestamptz", { name: "delivered_at", nullable: true })
  deliveredAt!: Date | null;

  @Column("text", { name: "last_error", nullable: true })
  lastError!: string | null;
}
