import { buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { TerritoryWithStats } from "./types/stats.types";
import { GristResolver } from "./resolvers/grist.resolver";
import { TerritoryStatsResolver } from "./resolvers/stats.resolver";

/** The reporting subgraph schema (no I/O). */
export function buildReportingSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [TerritoryStatsResolver, GristResolver],
    orphanedTypes: [TerritoryWithStats],
    references: {
      // Stats are computed from the id alone.
      Territory: (ref) => ({ id: String(ref.id) }),
    },
  });
}
