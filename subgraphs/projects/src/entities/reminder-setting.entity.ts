import { Column, Entity, PrimaryColumn } from "typeorm";

/** How many weeks without activity before a project's collectivité is reminded, per département. */
@Entity("reminder_setting")
export class ReminderSetting {
  /** A département, kind-qualified ("DEPARTEMENT:63"). */
  @PrimaryColumn("text", { name: "territory_id" })
  territoryId!: string;

  @Column("integer")
  weeks!: number;

  @Column("uuid", { name: "updated_by", nullable: true })
  updatedBy!: string | null;

  @Column("timestamptz", { name: "updated_at", default: () => "now()" })
  updatedAt!: Date;
}
