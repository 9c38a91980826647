import { Column, Entity, PrimaryColumn } from "typeorm";

/** Which Aides-Territoires perimeter a territory is (null: the API has none). */
@Entity("perimeter")
export class Perimeter {
  @PrimaryColumn("text", { name: "territory_id" })
  territoryId!: string;

  @Column("integer", { name: "perimeter_id", nullable: true })
  perimeterId!: number | null;

  @Column("timestamptz", { name: "fetched_at", default: () => "now()" })
  fetchedAt!: Date;
}
