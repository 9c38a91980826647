import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A dossier's state: DS's own states, plus PREFILLED (created by the hub, not yet opened by anyone). */
export enum FundingApplicationStatus {
  PREFILLED = "PREFILLED",
  BROUILLON = "BROUILLON",
  EN_CONSTRUCTION = "EN_CONSTRUCTION",
  EN_INSTRUCTION = "EN_INSTRUCTION",
  ACCEPTE = "ACCEPTE",
  REFUSE = "REFUSE",
  SANS_SUITE = "SANS_SUITE",
}
registerEnumType(FundingApplicationStatus, {
  name: "FundingApplicationStatus",
  description: "PREFILLED: created by the hub, not opened yet; BROUILLON: opened, not submitted; then DS's instruction states.",
});

/** Final states: a decided dossier is no longer followed. */
export const FINAL_STATUSES: readonly FundingApplicationStatus[] = [FundingApplicationStatus.ACCEPTE, FundingApplicationStatus.REFUSE, FundingApplicationStatus.SANS_SUITE];

/** A Démarches Simplifiées dossier the hub pre-filled for a project. */
@Entity("funding_application")
@ObjectType({ description: "A grant application prepared on Démarches Simplifiées for a project, followed until decided." })
@Directive('@key(fields: "id")')
export class FundingApplication {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("text")
  @Field({ description: "The procedure's key (fundingProcedures), e.g. FONDS_VERT." })
  procedure!: string;

  @Column("integer", { name: "demarche_number" })
  @Field(() => Int, { description: "The démarche number on Démarches Simplifiées." })
  demarcheNumber!: number;

  @Column("integer", { name: "dossier_number" })
  @Field(() => Int, { description: "The dossier number on Démarches Simplifiées." })
  dossierNumber!: number;

  @Column("text", { name: "dossier_id" })
  dossierId!: string;

  @Column("text", { name: "dossier_url" })
  @Field({ description: "Where the collectivité signs in, completes and submits the dossier." })
  dossierUrl!: string;

  /** Lets the hub read the dossier's state without a DS token; never exposed. */
  @Column("text", { name: "prefill_token" })
  prefillToken!: string;

  @Column("text")
  @Field(() => FundingApplicationStatus)
  status!: FundingApplicationStatus;

  @Column("numeric", { name: "amount_requested", nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  @Field(() => Float, { nullable: true, description: "Amount requested in euros (from the dossier, once the API v2 sync reads it)." })
  amountRequested!: number | null;

  @Column("numeric", { name: "amount_granted", nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  @Field(() => Float, { nullable: true, description: "Amount granted in euros (from the instructors' annotation)." })
  amountGranted!: number | null;

  @Column("timestamptz", { name: "submitted_at", nullable: true })
  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Column("timestamptz", { name: "processed_at", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was decided." })
  processedAt!: Date | null;

  @Column("uuid", { name: "prepared_by", nullable: true })
  preparedBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  @Field({ description: "Last change seen (state or amounts)." })
  updatedAt!: Date;
}

/** Where the API v2 sync of a démarche stopped: the next one asks for dossiers updated since. */
@Entity("ds_sync_cursor")
export class DsSyncCursor {
  @PrimaryColumn("integer", { name: "demarche_number" })
  demarcheNumber!: number;

  @Column("timestamptz", { name: "updated_since" })
  updatedSince!: Date;
}
