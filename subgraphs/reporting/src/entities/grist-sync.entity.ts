import type { Viewer } from "@hub/kit";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { ExportFilter } from "../rules/export-filter";

/** A Grist table kept current from the journal: the projects changed since `lastCursor` are sent again on each run. */
@Entity("grist_sync")
export class GristSync {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("text", { name: "doc_id" })
  docId!: string;

  @Column("text", { name: "table_id" })
  tableId!: string;

  @Column("jsonb")
  filter!: ExportFilter;

  /** Whose rights the sync reads with: the viewer who asked for it. */
  @Column("jsonb")
  viewer!: Viewer;

  /** The journal cursor the table is current at. */
  @Column("bigint", { name: "last_cursor" })
  lastCursor!: string;

  @Column("timestamptz", { name: "last_synced_at", nullable: true })
  lastSyncedAt!: Date | null;

  /** The last run's error, if it failed (it is retried on the next run). */
  @Column("text", { name: "last_error", nullable: true })
  lastError!: string | null;

  @Column("timestamptz", { name: "created_at", default: () => "now()" })
  createdAt!: Date;
}
