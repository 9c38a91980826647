import { buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { ApiKeyResolver } from "./resolvers/api-key.resolver";
import { FollowedThemesResolver } from "./resolvers/followed-themes.resolver";
import { InvitationResolver, PersonInvitationsResolver } from "./resolvers/invitation.resolver";
import { OrganizationResolver } from "./resolvers/organization.resolver";
import { MembershipResolver, PersonResolver } from "./resolvers/person.resolver";
import { PersonSubscriptionResolver } from "./resolvers/person-subscription.resolver";
import { NotificationPreferenceResolver } from "./resolvers/notification.resolver";
import { PROJECT_PEOPLE_RESOLVERS } from "./resolvers/project-people.resolver";
import { SessionResolver } from "./resolvers/session.resolver";
import { TerritoryResolver } from "./resolvers/territory.resolver";
import { visiblePerson } from "./services/person.service";
import { PROJECT_PEOPLE_TYPES } from "./types/project-people.types";

/** The people-territories subgraph schema (no I/O). */
export function buildPeopleTerritoriesSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [
      TerritoryResolver,
      OrganizationResolver,
      PersonResolver,
      MembershipResolver,
      PersonSubscriptionResolver,
      ApiKeyResolver,
      SessionResolver,
      InvitationResolver,
      PersonInvitationsResolver,
      NotificationPreferenceResolver,
      FollowedThemesResolver,
      ...PROJECT_PEOPLE_RESOLVERS,
    ],
    // Only extended here (their people): listed, or type-graphql would drop them.
    orphanedTypes: PROJECT_PEOPLE_TYPES,
    references: {
      Territory: (ref, { loaders }) => loaders.territory.load(String(ref.id)),
      Organization: (ref, { loaders }) => loaders.organization.load(String(ref.id)),
      // A person the viewer may not see resolves to null, like one that does not exist.
      Person: (ref, { loaders, viewer }) => visiblePerson(loaders, viewer, String(ref.id)),
    },
  });
}
