import { notFound } from "@hub/kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Organization } from "../entities/organization.entity";
import { Territory } from "../entities/territory.entity";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "One organisation by id. Public information." })
  async organization(@Arg("id", () => ID) id: string, @Ctx() { loaders }: Context): Promise<Organization> {
    const organization = id.length <= 80 ? await loaders.organization.load(id) : null;
    if (!organization) throw notFound(`No organisation ${id.slice(0, 80)}`);
    return organization;
  }

  @FieldResolver(() => Territory, { nullable: true, description: "The territory it acts for; null for national bodies." })
  territory(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Territory | null> | null {
    return organization.territoryId ? loaders.territory.load(organization.territoryId) : null;
  }
}
