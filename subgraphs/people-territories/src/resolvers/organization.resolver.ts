import { authorize, countOf, forbidden, isUuid, notFound, PageArgs, readPage, toConnection, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Organization, OrganizationKind } from "../entities/organization.entity";
import { Person } from "../entities/person.entity";
import { Territory } from "../entities/territory.entity";
import { searchOrganizations } from "../services/organization.service";
import { canListMembers } from "../services/person.service";
import { OrganizationConnection } from "../types/organization.types";
import { PersonConnection } from "../types/person.types";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "One organisation by id. Public information." })
  async organization(@Arg("id", () => ID) id: string, @Ctx() { loaders }: Context): Promise<Organization> {
    const organization = id.length <= 80 ? await loaders.organization.load(id) : null;
    if (!organization) throw notFound(`No organisation ${id.slice(0, 80)}`);
    return organization;
  }

  @Query(() => OrganizationConnection, {
    description: "Organisations whose name holds every word of `search` (case-insensitive), by name: e.g. an expert organisation to associate with a project. Public information.",
  })
  organizations(
    @Args() page: PageArgs,
    @Arg("search", () => String) search: string,
    @Ctx() { dataSource }: Context,
    @Arg("kind", () => OrganizationKind, { nullable: true }) kind?: OrganizationKind,
  ): Promise<Connection<Organization>> {
    return searchOrganizations(dataSource, { first: page.first, after: page.after, search, kind: kind ?? undefined });
  }

  @FieldResolver(() => Territory, { nullable: true, description: "The territory it acts for; null for national bodies." })
  territory(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Territory | null> | null {
    return organization.territoryId ? loaders.territory.load(organization.territoryId) : null;
  }

  @FieldResolver(() => PersonConnection, { description: "Its members (accounts in use, not pending invitees), by name: for its own members, national roles and the State agents of its département." })
  async members(@Root() organization: Organization, @Args() args: PageArgs, @Ctx() { viewer, loaders }: Context): Promise<Connection<Person>> {
    authorize(viewer, "person:read");
    const territory = organization.territoryId ? await loaders.territory.load(organization.territoryId) : null;
    if (!canListMembers(viewer, organization.id, territory?.departementCode ?? null)) throw forbidden("Only its members and the State of its département see who works there");
    const page = readPage(args, 100, (key): key is string => typeof key === "string" && isUuid(key));
    const rows = await loaders.organizationMembers.load(organization.id, JSON.stringify(page));
    // The cursor holds the member's id only: no name travels in it.
    return toConnection(
      rows,
      page,
      (p) => p.id,
      countOf(rows, page, () => loaders.organizationMemberCounts.load(organization.id, "")),
    );
  }
}
