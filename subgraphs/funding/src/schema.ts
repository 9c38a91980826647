import { authorize, buildFederatedSchema, isUuid } from "@hub/kit";
import type { Context } from "./context";
import { FundingOpportunity } from "./types/funding.types";
import { FundedProject } from "./types/project.types";
import { FundingApplicationResolver, ProjectFundingApplicationsResolver } from "./resolvers/funding-application.resolver";
import { FundingOpportunityResolver, ProjectFundingResolver } from "./resolvers/funding.resolver";
import { ContactResolver } from "./resolvers/contact-book.resolver";
import { readableResource, ResourceResolver } from "./resolvers/library.resolver";
import { ProjectSuggestionsResolver, SuggestionDiscardResolver, SuggestionRuleResolver } from "./resolvers/suggestion.resolver";
import { toOpportunity } from "./services/funding.service";

/** The funding subgraph schema (no I/O). */
export function buildFundingSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [
      FundingOpportunityResolver,
      ProjectFundingResolver,
      FundingApplicationResolver,
      ProjectFundingApplicationsResolver,
      ResourceResolver,
      ContactResolver,
      SuggestionRuleResolver,
      SuggestionDiscardResolver,
      ProjectSuggestionsResolver,
    ],
    orphanedTypes: [FundedProject],
    references: {
      // The representation carries the @requires fields: nothing to load.
      Project: (ref) => ref,
      FundingOpportunity: async (ref, context) => {
        authorize(context.viewer, "funding:read");
        const match = /^AT:(\d{1,9})$/.exec(String(ref.id));
        const aid = match ? await context.loaders.aid.load(Number(match[1])) : null;
        return aid ? toOpportunity(aid, context.aidesTerritoires) : null;
      },
      // Only within a project the viewer sees (asked to the projects subgraph).
      FundingApplication: async (ref, context) => {
        authorize(context.viewer, "funding:read");
        const application = isUuid(String(ref.id)) ? await context.applications.byId.load(String(ref.id)) : null;
        if (!application) return null;
        return (await context.applications.services.projects.rights(context.viewer, application.projectId)) ? application : null;
      },
      // Drafts only for their writers; archived and expired sheets stay readable where they are referenced.
      Resource: async (ref, context) => {
        authorize(context.viewer, "resource:read");
        return readableResource(context, String(ref.id));
      },
      Contact: async (ref, context) => {
        authorize(context.viewer, "resource:read");
        return isUuid(String(ref.id)) ? context.loaders.contact.load(String(ref.id)) : null;
      },
    },
  });
}

export { FundingOpportunity };
