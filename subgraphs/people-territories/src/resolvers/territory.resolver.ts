import { PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Territory, TerritoryKind } from "../entities/territory.entity";
import type { Context } from "../context";
import { getTerritory, searchTerritories, territoryMembers } from "../services/territory.service";
import { TerritoryConnection } from "../types/territory.types";

@Resolver(() => Territory)
export class TerritoryResolver {
  @Query(() => Territory, { description: "One territory by its kind-qualified id. Public reference data." })
  territory(@Arg("id", () => ID) id: string, @Ctx() { loaders }: Context): Promise<Territory> {
    return getTerritory((key) => loaders.territory.load(key), id);
  }

  @Query(() => TerritoryConnection, { description: "Territories by name prefix, INSEE code, SIREN or postcode; most populated first." })
  territories(
    @Args() page: PageArgs,
    @Ctx() { dataSource }: Context,
    @Arg("search", () => String, { nullable: true }) search?: string,
    @Arg("kind", () => TerritoryKind, { nullable: true }) kind?: TerritoryKind,
  ): Promise<Connection<Territory>> {
    return searchTerritories(dataSource, { first: page.first, after: page.after, search: search ?? undefined, kind: kind ?? undefined });
  }

  @FieldResolver(() => Territory, { nullable: true, description: "The département it belongs to (itself for a département)." })
  departement(@Root() territory: Territory, @Ctx() { loaders }: Context): Promise<Territory | null> | null {
    return territory.departementCode ? loaders.territory.load(`DEPARTEMENT:${territory.departementCode}`) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: "The région it belongs to (itself for a région)." })
  region(@Root() territory: Territory, @Ctx() { loaders }: Context): Promise<Territory | null> | null {
    return territory.regionCode ? loaders.territory.load(`REGION:${territory.regionCode}`) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: "The arrondissement of a commune." })
  arrondissement(@Root() territory: Territory, @Ctx() { loaders }: Context): Promise<Territory | null> | null {
    return territory.arrondissementCode && territory.kind !== TerritoryKind.ARRONDISSEMENT ? loaders.territory.load(`ARRONDISSEMENT:${territory.arrondissementCode}`) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: "For a commune déléguée or associée: the commune it is part of." })
  async commune(@Root() territory: Territory, @Ctx() { loaders }: Context): Promise<Territory | null> {
    if (territory.kind !== TerritoryKind.COMMUNE_DELEGUEE) return null;
    const parents = await loaders.parentsOfKind.load(`${territory.id}|COMMUNE`);
    return parents.at(0) ?? null;
  }

  @FieldResolver(() => [Territory], { description: "The CRTE contracts covering a commune (through its groupement) or a groupement." })
  crtes(@Root() territory: Territory, @Ctx() { loaders }: Context): Promise<Territory[]> {
    return loaders.crtes.load(territory.id);
  }

  @FieldResolver(() => [Territory], { description: "The EPCI (or EPT) a commune is a member of." })
  epcis(@Root() territory: Territory, @Ctx() { loaders }: Context): Promise<Territory[]> {
    return loaders.parentsOfKind.load(`${territory.id}|EPCI`);
  }

  @FieldResolver(() => TerritoryConnection, {
    description:
      "Direct members: départements of a région, arrondissements and communes of a département, communes of an arrondissement or EPCI, groupements of a CRTE, communes déléguées of a commune.",
  })
  members(@Root() territory: Territory, @Args() page: PageArgs, @Ctx() { loaders }: Context): Promise<Connection<Territory>> {
    return territoryMembers(loaders, territory.id, page);
  }
}
