import { authorize, badInput, canSeePersonalData, isUuid, notFound, PageArgs, type CountedConnection } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Contact, Resource, ResourceStatus } from "../entities/library.entity";
import { isLive, validateSearch, validateThemes } from "../rules/library-fields";
import { applicableTerritories, canWrite } from "../rules/library-writers";
import { importEngineeringAids } from "../services/library-import.service";
import { canRead, createResource, readListPage, searchResources, setResourceStatus, updateResource } from "../services/library.service";
import { ResourceConnection } from "../types/library-connections.types";
import { ResourceFilter, ResourceImportReport, ResourceInput, ResourceUpdateInput, ResourceVersion } from "../types/library.types";
import { OrganizationRef, TerritoryRef } from "../types/project.types";

/** A sheet the viewer may read (drafts: their writers only), or NOT_FOUND. */
export async function readableResource(context: Context, id: string): Promise<Resource | null> {
  const resource = isUuid(id) ? await context.loaders.resource.load(id) : null;
  return resource && canRead(context.viewer, resource) ? resource : null;
}

@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => Resource, { description: "A sheet of the library by id: published, archived or expired ones for everyone, drafts for their writers only (NOT_FOUND otherwise)." })
  async resource(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Resource> {
    authorize(context.viewer, "resource:read");
    const resource = await readableResource(context, id);
    if (!resource) throw notFound(`Fiche introuvable : ${id.slice(0, 60)}`);
    return resource;
  }

  @Query(() => ResourceConnection, {
    description: "The library: published sheets (see ResourceFilter.status for drafts and archives), filtered, best match first for words. At most 50 a page (default 20).",
  })
  async resources(
    @Arg("filter", () => ResourceFilter, { nullable: true }) filter: ResourceFilter | null,
    @Args() args: PageArgs,
    @Ctx() { viewer, dataSource }: Context,
  ): Promise<CountedConnection<Resource>> {
    authorize(viewer, "resource:read");
    const page = readListPage(args.first, args.after);
    const territoryId = filter?.territoryId ?? null;
    const territories = territoryId === null ? null : applicableTerritories(territoryId);
    if (territoryId !== null && territories === null) throw badInput(`« ${territoryId.slice(0, 60)} » n'est pas une commune, un EPCI, un département ou une région connus`, "filter.territoryId");
    const theme = filter?.theme ?? null;
    if (theme !== null) validateThemes([theme], "filter.theme");
    return searchResources(
      dataSource,
      viewer,
      { search: validateSearch(filter?.search), theme, territories, kind: filter?.kind ?? null, status: filter?.status ?? ResourceStatus.PUBLISHED },
      page,
      new Date(),
    );
  }

  @Mutation(() => Resource, { description: "Writes a new sheet (a draft unless status says PUBLISHED): ANCT anywhere, State agents for their départements, experts for their organisation." })
  createResource(@Arg("input", () => ResourceInput) input: ResourceInput, @Ctx() { viewer, dataSource }: Context): Promise<Resource> {
    authorize(viewer, "resource:write");
    return createResource(dataSource, viewer, input, new Date());
  }

  @Mutation(() => Resource, { description: "Edits a sheet: a new version, if `version` is still the current one (else CONFLICT, nothing written)." })
  updateResource(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => ResourceUpdateInput) input: ResourceUpdateInput,
    @Ctx() { viewer, dataSource }: Context,
  ): Promise<Resource> {
    authorize(viewer, "resource:write");
    return updateResource(dataSource, viewer, id, version, input, new Date());
  }

  @Mutation(() => Resource, { description: "Publishes, archives or takes a sheet back to draft: a new version, with the same CONFLICT rule as updateResource." })
  setResourceStatus(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("status", () => ResourceStatus) status: ResourceStatus,
    @Ctx() { viewer, dataSource }: Context,
  ): Promise<Resource> {
    authorize(viewer, "resource:write");
    return setResourceStatus(dataSource, viewer, id, version, status, new Date());
  }

  @Mutation(() => ResourceImportReport, {
    description: "Imports (or refreshes) Aides-Territoires' engineering aids as sheets of kind ENGINEERING_AID, keyed on their Aides-Territoires id: ANCT national agents.",
  })
  importEngineeringAids(@Ctx() { viewer, dataSource, aidesTerritoires }: Context): Promise<ResourceImportReport> {
    authorize(viewer, "resource:import");
    return importEngineeringAids(dataSource, aidesTerritoires, new Date());
  }

  @FieldResolver(() => [TerritoryRef], {
    nullable: true,
    description: "Régions and départements where it applies; empty for all of France. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  territories(@Root() resource: Resource): TerritoryRef[] {
    return resource.territoryIds.map((id) => ({ id }));
  }

  @FieldResolver(() => Boolean, { description: "Whether it applies to all of France." })
  national(@Root() resource: Resource): boolean {
    return resource.territoryIds.length === 0;
  }

  @FieldResolver(() => Boolean, { description: "Past its expiry date: no longer offered, even if PUBLISHED." })
  expired(@Root() resource: Resource): boolean {
    return resource.expiresAt !== null && resource.expiresAt.getTime() <= Date.now();
  }

  @FieldResolver(() => Boolean, { description: "Offered in the library now: published and not expired." })
  live(@Root() resource: Resource): boolean {
    return isLive(resource, new Date());
  }

  @FieldResolver(() => Contact, { nullable: true, description: "The organisation that provides it (Cerema, ADEME, Anah, Banque des Territoires, ANCT, a DDT...)." })
  async provider(@Root() resource: Resource, @Ctx() { loaders }: Context): Promise<Contact | null> {
    return resource.providerId ? loaders.contact.load(resource.providerId) : null;
  }

  @FieldResolver(() => [Contact], { description: "Whom to contact, in the order given." })
  async contacts(@Root() resource: Resource, @Ctx() { loaders }: Context): Promise<Contact[]> {
    const found = await loaders.contact.loadMany(resource.contactIds);
    return found.filter((c): c is Contact => c instanceof Contact);
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The hub organisation that maintains the sheet (its experts may edit it); null for imported ones." })
  owner(@Root() resource: Resource): OrganizationRef | null {
    return resource.ownerOrganizationId ? { id: resource.ownerOrganizationId } : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether the viewer may edit it." })
  viewerCanEdit(@Root() resource: Resource, @Ctx() { viewer }: Context): boolean {
    return canWrite(viewer, resource);
  }

  @FieldResolver(() => [ResourceVersion], { description: "Every version, the latest first (version 1: as created)." })
  async versions(@Root() resource: Resource, @Ctx() { viewer, loaders }: Context): Promise<ResourceVersion[]> {
    const rows = await loaders.versions.load(resource.id);
    const people = canSeePersonalData(viewer);
    return rows.map((row) => ({
      version: row.version,
      editedAt: row.editedAt,
      editedBy: people && row.editedBy ? { id: row.editedBy } : null,
      title: row.snapshot.title,
      summary: row.snapshot.summary,
      body: row.snapshot.body,
      themes: row.snapshot.themes,
      territories: row.snapshot.territoryIds.map((id) => ({ id })),
      kind: row.snapshot.kind,
      status: row.snapshot.status,
      expiresAt: row.snapshot.expiresAt ? new Date(row.snapshot.expiresAt) : null,
      url: row.snapshot.url,
    }));
  }
}
