import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum TerritoryKind {
  REGION = "REGION",
  DEPARTEMENT = "DEPARTEMENT",
  ARRONDISSEMENT = "ARRONDISSEMENT",
  EPCI = "EPCI",
  COMMUNE = "COMMUNE",
  /** A commune déléguée or associée, part of a commune nouvelle (its `commune`). */
  COMMUNE_DELEGUEE = "COMMUNE_DELEGUEE",
  CRTE = "CRTE",
}
registerEnumType(TerritoryKind, { name: "TerritoryKind", description: "Level of the French territorial map." });

/** A territory of the real map. Its id is kind-qualified: `COMMUNE:63113`, `EPCI:200071751`. */
@Entity("territory")
@ObjectType({ description: "A territory of the French administrative map (COG) or a CRTE contract." })
@Directive('@key(fields: "id")')
export class Territory {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Kind-qualified id, e.g. "COMMUNE:63113", "DEPARTEMENT:2A", "CRTE:crte-84-01-1".' })
  id!: string;

  @Column("text")
  @Field(() => TerritoryKind)
  kind!: TerritoryKind;

  @Column("text")
  @Field({ description: "INSEE code (commune, département, région), SIREN (EPCI) or CRTE id." })
  code!: string;

  @Column("text")
  @Field()
  name!: string;

  @Column("integer", { nullable: true })
  @Field(() => Int, { nullable: true, description: "Population municipale (communes, EPCI)." })
  population!: number | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "SIREN of the collectivité (communes, EPCI)." })
  siren!: string | null;

  @Column("text", { array: true, name: "postal_codes", default: () => "'{}'" })
  @Field(() => [String])
  postalCodes!: string[];

  @Column("text", { nullable: true, name: "departement_code" })
  departementCode!: string | null;

  @Column("text", { nullable: true, name: "region_code" })
  regionCode!: string | null;

  @Column("text", { nullable: true, name: "arrondissement_code" })
  arrondissementCode!: string | null;

  /** Normalised name (lower case, no accents, no punctuation) for prefix search. */
  @Index()
  @Column("text", { name: "search_name" })
  searchName!: string;
}

/** A membership: a commune in its EPCI or département, a département in its région... */
@Entity("territory_link")
@Index(["childId"])
export class TerritoryLink {
  @PrimaryColumn("text", { name: "parent_id" })
  parentId!: string;

  @PrimaryColumn("text", { name: "child_id" })
  childId!: string;
}
