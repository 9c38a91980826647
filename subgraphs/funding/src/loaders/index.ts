import { loadCog } from "@hub/reference";
import DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import { In, type DataSource } from "typeorm";
import type { AidesTerritoiresClient, AidSearchCriteria, AtAidResult } from "../clients/aides-territoires.client";
import { Perimeter } from "../entities/perimeter.entity";
import { createLibraryLoaders } from "./library.loader";
import { searchKey, type AidCache, type SearchResult, type Served } from "../services/aid-cache.service";

export type Loaders = ReturnType<typeof createLoaders>;

/** How long a territory's Aides-Territoires perimeter is trusted before being asked again. */
export const PERIMETER_TTL_DAYS = 30;

/** The scale and the name the API finds a territory by, for kinds other than communes. */
function namedTerritory(territoryId: string): { scale: "epci" | "department" | "region"; code: string; name: string } | null {
  const [kind, code] = territoryId.split(":");
  const cog = loadCog();
  const name =
    kind === "EPCI"
      ? cog.epcis.find((e) => e.code === code)?.nom
      : kind === "DEPARTEMENT"
        ? cog.departements.find((d) => d.code === code)?.nom
        : kind === "REGION"
          ? cog.regions.find((r) => r.code === code)?.nom
          : undefined;
  if (!name) return null;
  return { scale: kind === "EPCI" ? "epci" : kind === "DEPARTEMENT" ? "department" : "region", code, name };
}

/**
 * Per-request loaders: a territory's Aides-Territoires perimeter (one SQL statement per batch,
 * one API call for the communes not cached yet), aid searches and aids (through the cache
 * shared by every request).
 */
export function createLoaders(dataSource: DataSource, client: AidesTerritoiresClient, cache: AidCache) {
  return {
    perimeter: new DataLoader<string, number | null>(async (territoryIds) => {
      const repository = dataSource.getRepository(Perimeter);
      // Perimeters change rarely: an answer is kept for PERIMETER_TTL_DAYS, then asked again.
      const fresh = Date.now() - PERIMETER_TTL_DAYS * 86_400_000;
      const stored = await repository.findBy({ territoryId: In([...territoryIds]) });
      const cached = new Map(stored.filter((p) => p.fetchedAt.getTime() > fresh).map((p) => [p.territoryId, p.perimeterId]));
      const expired = new Map(stored.map((p) => [p.territoryId, p.perimeterId]));
      const rows: { territoryId: string; perimeterId: number | null; fetchedAt: Date }[] = [];
      const failed = new Map<string, GraphQLError>();
      const missing = territoryIds.filter((id) => !cached.has(id) && id.startsWith("COMMUNE:"));
      if (missing.length > 0) {
        try {
          const found = await client.communePerimeters(missing.map((id) => id.slice("COMMUNE:".length)));
          rows.push(...missing.map((territoryId) => ({ territoryId, perimeterId: found.get(territoryId.slice("COMMUNE:".length)) ?? null, fetchedAt: new Date() })));
        } catch (error) {
          for (const id of missing) failed.set(id, error as GraphQLError);
        }
      }
      // EPCI, départements and régions one by one (the API finds them by name): rare, cached like communes.
      for (const territoryId of territoryIds.filter((id) => !cached.has(id) && !id.startsWith("COMMUNE:"))) {
        const named = namedTerritory(territoryId);
        try {
          rows.push({ territoryId, perimeterId: named ? await client.namedPerimeter(named.scale, named.code, named.name) : null, fetchedAt: new Date() });
        } catch (error) {
          failed.set(territoryId, error as GraphQLError);
        }
      }
      if (rows.length > 0) {
        await repository.upsert(rows, ["territoryId"]);
        for (const row of rows) cached.set(row.territoryId, row.perimeterId);
      }
      // An expired answer is better than none while the API is down.
      return territoryIds.map((id) => {
        const current = cached.get(id);
        if (current !== undefined) return current;
        const stale = expired.get(id);
        return stale !== undefined ? stale : (failed.get(id) ?? null);
      });
    }),
    aidSearch: new DataLoader<AidSearchCriteria, SearchResult, string>((criteria) => cache.searches(criteria), { cacheKeyFn: searchKey }),
    aid: new DataLoader<number, Served<AtAidResult> | null>((ids) => cache.aids(ids)),
    ...createLibraryLoaders(dataSource),
  };
}
