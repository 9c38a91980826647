import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** What a resource sheet offers. */
export enum ResourceKind {
  GUIDE = "GUIDE",
  PROGRAMME = "PROGRAMME",
  EXPERT_SERVICE = "EXPERT_SERVICE",
  ENGINEERING_AID = "ENGINEERING_AID",
  TOOL = "TOOL",
  TRAINING = "TRAINING",
}
registerEnumType(ResourceKind, {
  name: "ResourceKind",
  description:
    "GUIDE: a method or a guide to read; PROGRAMME: a national or local programme to join; EXPERT_SERVICE: an expert body's support; ENGINEERING_AID: engineering aid (Aides-Territoires' technical, financial or legal engineering); TOOL: an online tool; TRAINING: a training or a network of peers.",
});

/** A sheet's life: written as a draft, published, archived. */
export enum ResourceStatus {
  DRAFT = "DRAFT",
  PUBLISHED = "PUBLISHED",
  ARCHIVED = "ARCHIVED",
}
registerEnumType(ResourceStatus, {
  name: "ResourceStatus",
  description: "DRAFT: seen by its writers only; PUBLISHED: in the library until its expiry date; ARCHIVED: out of the library, still readable by id (older recommendations).",
});

export enum ResourceSource {
  HUB = "HUB",
  AIDES_TERRITOIRES = "AIDES_TERRITOIRES",
}
registerEnumType(ResourceSource, { name: "ResourceSource", description: "HUB: written in the hub; AIDES_TERRITOIRES: an engineering aid imported (and refreshed) from Aides-Territoires." });

export enum ContactKind {
  ORGANIZATION = "ORGANIZATION",
  PERSON = "PERSON",
}
registerEnumType(ContactKind, { name: "ContactKind", description: "An organisation (Cerema, ADEME, a DDT...) or a person, usually within one." });

/** An organisation or a person that resources and recommendations point to. */
@Entity("contact")
@ObjectType({ description: "An entry of the contact book: an organisation, or a person (within an organisation), that resources and recommendations point to." })
@Directive('@key(fields: "id")')
export class Contact {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field(() => ContactKind)
  kind!: ContactKind;

  /** A person's name is personal data: the resolver hides it from analysts and programmes. */
  @Column("text")
  name!: string;

  @Column("uuid", { name: "organization_id", nullable: true })
  organizationId!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "The person's role or the organisation's service (« Chargée de mission rénovation énergétique »)." })
  role!: string | null;

  @Column("text", { nullable: true })
  email!: string | null;

  @Column("text", { nullable: true })
  phone!: string | null;

  @Column("text", { name: "territory_id", nullable: true })
  territoryId!: string | null;

  /** The hub organisation that maintains this entry (its experts may edit it); null: national. */
  @Column("text", { name: "owner_organization_id", nullable: true })
  ownerOrganizationId!: string | null;

  @Column("integer")
  @Field(() => Int, { description: "Increases with every edit; pass it back to updateContact or deleteContact." })
  version!: number;

  @Column("timestamptz", { name: "created_at" })
  @Field()
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at" })
  @Field()
  updatedAt!: Date;
}

/** A resource sheet of the library. */
@Entity("resource")
@ObjectType({ description: "A sheet of the library of engineering resources: a guide, a programme, an expert service, an engineering aid." })
@Directive('@key(fields: "id")')
export class Resource {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field()
  title!: string;

  @Column("text")
  @Field({ description: "Two or three sentences, plain text." })
  summary!: string;

  @Column("text")
  @Field({ description: "The sheet itself, in Markdown." })
  body!: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "Theme slugs (the projects' taxonomy: Aides-Territoires themes)." })
  themes!: string[];

  /** Régions and départements ("REGION:84", "DEPARTEMENT:63"); empty: all of France. */
  @Column("text", { name: "territory_ids", array: true })
  territoryIds!: string[];

  @Column("text")
  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Column("text")
  @Field(() => ResourceStatus, { description: "As stored; a PUBLISHED sheet past its expiry date is out of the library (see expired)." })
  status!: ResourceStatus;

  @Column("timestamptz", { name: "expires_at", nullable: true })
  @Field(() => Date, { nullable: true, description: "After this instant the sheet is no longer offered as published (null: no end)." })
  expiresAt!: Date | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Where to read more or apply (http or https)." })
  url!: string | null;

  @Column("uuid", { name: "provider_id", nullable: true })
  providerId!: string | null;

  @Column("uuid", { name: "contact_ids", array: true })
  contactIds!: string[];

  @Column("text", { name: "owner_organization_id", nullable: true })
  ownerOrganizationId!: string | null;

  @Column("text")
  @Field(() => ResourceSource)
  source!: ResourceSource;

  @Column("text", { name: "external_id", nullable: true })
  @Field(() => String, { nullable: true, description: 'The id at the source ("AT:<id>" is the FundingOpportunity of an imported aid).' })
  externalId!: string | null;

  @Column("integer")
  @Field(() => Int, { description: "Increases with every edit; pass it back to updateResource or setResourceStatus." })
  version!: number;

  @Column("text", { name: "created_by", nullable: true })
  createdBy!: string | null;

  @Column("text", { name: "updated_by", nullable: true })
  updatedBy!: string | null;

  @Column("timestamptz", { name: "created_at" })
  @Field()
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at" })
  @Field()
  updatedAt!: Date;
}

/** What a version of a sheet held (every field a writer may change). */
export interface ResourceSnapshot {
  title: string;
  summary: string;
  body: string;
  themes: string[];
  territoryIds: string[];
  kind: ResourceKind;
  status: ResourceStatus;
  expiresAt: string | null;
  url: string | null;
  providerId: string | null;
  contactIds: string[];
}

/** One version of a sheet: every edit writes one, in the same transaction. */
@Entity("resource_version")
export class ResourceVersionRow {
  @PrimaryColumn("uuid", { name: "resource_id" })
  resourceId!: string;

  @PrimaryColumn("integer")
  version!: number;

  @Column("jsonb")
  snapshot!: ResourceSnapshot;

  @Column("text", { name: "edited_by", nullable: true })
  editedBy!: string | null;

  @Column("timestamptz", { name: "edited_at" })
  editedAt!: Date;
}
