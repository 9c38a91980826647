import { Column, Entity, PrimaryColumn } from "typeorm";
import { EUROS } from "./project-fact.entity";

/** The latest state of one funding application, from the journal's FUNDING_APPLICATION activities. */
@Entity("funding_application_fact")
export class FundingApplicationFact {
  /** The funding subgraph's application id. */
  @PrimaryColumn("text", { name: "application_id" })
  applicationId!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  /** The procedure's key (FONDS_VERT, DETR...). */
  @Column("text")
  procedure!: string;

  @Column("text", { name: "dossier_number", nullable: true })
  dossierNumber!: string | null;

  /** PREFILLED, BROUILLON, EN_CONSTRUCTION, EN_INSTRUCTION, ACCEPTE, REFUSE, SANS_SUITE. */
  @Column("text")
  status!: string;

  @Column("numeric", { name: "amount_requested", precision: 16, scale: 2, nullable: true, transformer: EUROS })
  amountRequested!: number | null;

  @Column("numeric", { name: "amount_granted", precision: 16, scale: 2, nullable: true, transformer: EUROS })
  amountGranted!: number | null;

  /** When it was first decided (ACCEPTE, REFUSE or SANS_SUITE). */
  @Column("timestamptz", { name: "decided_at", nullable: true })
  decidedAt!: Date | null;

  @Column("bigint", { name: "last_activity_id" })
  lastActivityId!: string;
}
