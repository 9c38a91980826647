import { buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { OrganizationResolver } from "./resolvers/organization.resolver";
import { PersonResolver } from "./resolvers/person.resolver";
import { TerritoryResolver } from "./resolvers/territory.resolver";

/** The people-territories subgraph schema (no I/O). */
export function buildPeopleTerritoriesSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [TerritoryResolver, OrganizationResolver, PersonResolver],
    references: {
      Territory: (ref, { loaders }) => loaders.territory.load(String(ref.id)),
      Organization: (ref, { loaders }) => loaders.organization.load(String(ref.id)),
      Person: (ref, { loaders }) => loaders.person.load(String(ref.id)),
    },
  });
}
