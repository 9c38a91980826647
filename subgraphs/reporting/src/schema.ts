import { buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { PortfolioResolver } from "./resolvers/portfolio.resolver";
import { TerritoryWithStats } from "./types/portfolio.types";
import { GristResolver } from "./resolvers/grist.resolver";

/** The reporting subgraph schema (no I/O). */
export function buildReportingSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [PortfolioResolver, GristResolver],
    orphanedTypes: [TerritoryWithStats],
    references: {
      // Stats are computed from the id alone.
      Territory: (ref) => ({ id: String(ref.id) }),
    },
  });
}
