import { buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { PortfolioResolver } from "./resolvers/portfolio.resolver";
import { TerritoryWithStats } from "./types/portfolio.types";

/** The reporting subgraph schema (no I/O). */
export function buildReportingSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [PortfolioResolver],
    orphanedTypes: [TerritoryWithStats],
    references: {
      // Stats are computed from the id alone.
      Territory: (ref) => ({ id: String(ref.id) }),
    },
  });
}
