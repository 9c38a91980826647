import { authorize, buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { FundingOpportunity } from "./entities/funding.types";
import { FundedProject } from "./entities/project.types";
import { FundingOpportunityResolver, ProjectFundingResolver } from "./resolvers/funding.resolver";
import { toOpportunity } from "./services/funding.service";

/** The funding subgraph schema (no I/O). */
export function buildFundingSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [FundingOpportunityResolver, ProjectFundingResolver],
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
    },
  });
}

export { FundingOpportunity };
