import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum OrganizationKind {
  COLLECTIVITE = "COLLECTIVITE",
  PREFECTURE = "PREFECTURE",
  SOUS_PREFECTURE = "SOUS_PREFECTURE",
  DDT = "DDT",
  ANCT = "ANCT",
  OPERATOR = "OPERATOR",
}
registerEnumType(OrganizationKind, { name: "OrganizationKind" });

/** A collectivité, a State service or an operator. */
@Entity("organization")
@ObjectType({ description: "A collectivité, a State service (préfecture, DDT, ANCT) or an operator." })
@Directive('@key(fields: "id")')
export class Organization {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable id, e.g. "COLLECTIVITE:216301135", "DDT:63", "ANCT:NATIONAL".' })
  id!: string;

  @Column("text")
  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Column("text")
  @Field()
  name!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  siret!: string | null;

  /** The territory it acts for (its commune or EPCI, its département), null for national bodies. */
  @Column("text", { nullable: true, name: "territory_id" })
  territoryId!: string | null;
}
