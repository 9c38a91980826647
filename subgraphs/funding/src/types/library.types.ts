import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ContactKind, ResourceKind, ResourceStatus } from "../entities/library.entity";
import { PersonRef, TerritoryRef } from "./project.types";

@InputType({ description: "What to look for in the library; every criterion narrows the list." })
export class ResourceFilter {
  @Field(() => String, { nullable: true, description: "Words, searched in French (accents and plurals need not match), best match first." })
  search?: string | null;

  @Field(() => String, { nullable: true, description: "A theme slug (the projects' themes)." })
  theme?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Where it should apply: "COMMUNE:<INSEE>" or "EPCI:<SIREN>" (its départements\' and régions\' sheets), "DEPARTEMENT:<code>" (and its région\'s), "REGION:<code>"; national sheets always match.',
  })
  territoryId?: string | null;

  @Field(() => ResourceKind, { nullable: true })
  kind?: ResourceKind | null;

  @Field(() => ResourceStatus, {
    nullable: true,
    description: "PUBLISHED (default): published and not expired, for everyone. DRAFT, ARCHIVED: the sheets the viewer may edit only. Expired published sheets are listed with ARCHIVED.",
  })
  status?: ResourceStatus | null;
}

@InputType({ description: "A new sheet." })
export class ResourceInput {
  @Field({ description: "3 to 200 characters." })
  title!: string;

  @Field({ description: "Plain text, at most 600 characters." })
  summary!: string;

  @Field({ description: "Markdown, at most 50,000 characters." })
  body!: string;

  @Field(() => [String], { nullable: true, description: "Theme slugs." })
  themes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Régions and départements where it applies ("REGION:84", "DEPARTEMENT:63"); none: all of France.' })
  territoryIds?: string[] | null;

  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Field(() => ResourceStatus, { nullable: true, description: "DRAFT (default) or PUBLISHED." })
  status?: ResourceStatus | null;

  @Field(() => Date, { nullable: true, description: "When it stops being offered (in the future)." })
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => ID, { nullable: true, description: "The provider: a contact of kind ORGANIZATION." })
  providerId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Contacts to reach (at most 20)." })
  contactIds?: string[] | null;
}

@InputType({ description: "Changes to a sheet: a field left out stays; null clears an optional one." })
export class ResourceUpdateInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => [String], { nullable: true })
  themes?: string[] | null;

  @Field(() => [ID], { nullable: true })
  territoryIds?: string[] | null;

  @Field(() => ResourceKind, { nullable: true })
  kind?: ResourceKind | null;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;

  @Field(() => [ID], { nullable: true })
  contactIds?: string[] | null;
}

@ObjectType({ description: "One version of a sheet, as it was after an edit (version 1: as created)." })
export class ResourceVersion {
  @Field(() => Int)
  version!: number;

  @Field()
  editedAt!: Date;

  @Field(() => PersonRef, { nullable: true, description: "Who made it; null for the hub's own imports, or a person the viewer may not see." })
  editedBy!: PersonRef | null;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field()
  body!: string;

  @Field(() => [String])
  themes!: string[];

  @Field(() => [TerritoryRef], {
    nullable: true,
    description: "Régions and départements where it applied; empty for all of France. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  territories!: TerritoryRef[];

  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Field(() => ResourceStatus)
  status!: ResourceStatus;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true })
  url!: string | null;
}

@ObjectType({ description: "What an import of Aides-Territoires' engineering aids did." })
export class ResourceImportReport {
  @Field(() => Int, { description: "Engineering aids Aides-Territoires listed." })
  received!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int, { description: "Sheets whose content changed (a new version each)." })
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: "Imported sheets no longer listed by Aides-Territoires, archived." })
  archived!: number;

  @Field(() => Int, { description: "Aids whose perimeter is not a commune, EPCI, département, région or France (not imported)." })
  skipped!: number;
}

@InputType({ description: "A new entry of the contact book." })
export class ContactInput {
  @Field(() => ContactKind)
  kind!: ContactKind;

  @Field({ description: "An organisation's or a person's name, 2 to 200 characters." })
  name!: string;

  @Field(() => ID, { nullable: true, description: "A person's organisation: a contact of kind ORGANIZATION." })
  organizationId?: string | null;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "French format, e.g. 04 73 00 00 00 or +33 4 73 00 00 00." })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: "Where it acts (REGION, DEPARTEMENT, EPCI or COMMUNE); none: national." })
  territoryId?: string | null;
}

@InputType({ description: "Changes to a contact: a field left out stays; null clears an optional one." })
export class ContactUpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  territoryId?: string | null;
}
