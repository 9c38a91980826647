import { loadCog } from "@hub/reference";
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Perimeter } from "../entities/perimeter.entity";
import type { AidesTerritoiresClient, AtAidResult, AtPage } from "../services/aides-territoires.client";
import { SEARCH_PAGE_SIZE } from "../services/funding.service";

export type Loaders = ReturnType<typeof createLoaders>;

/** How long a territory's Aides-Territoires perimeter is trusted before being asked again. */
export const PERIMETER_TTL_DAYS = 30;

/**
 * Per-request loaders: a territory's Aides-Territoires perimeter (one SQL statement per batch,
 * one API call for the communes not cached yet), aid search pages and aids (one call each, deduplicated).
 */
export function createLoaders(dataSource: DataSource, client: AidesTerritoiresClient) {
  return {
    perimeter: new DataLoader<string, number | null>(async (territoryIds) => {
      const repository = dataSource.getRepository(Perimeter);
      // Perimeters change rarely: an answer is kept for PERIMETER_TTL_DAYS, then asked again.
      const fresh = Date.now() - PERIMETER_TTL_DAYS * 86_400_000;
      const cached = new Map(
        (await repository.findBy({ territoryId: In([...territoryIds]) })).filter((p) => p.fetchedAt.getTime() > fresh).map((p) => [p.territoryId, p.perimeterId]),
      );
      const missing = territoryIds.filter((id) => !cached.has(id) && id.startsWith("COMMUNE:"));
      const rows: { territoryId: string; perimeterId: number | null; fetchedAt: Date }[] = [];
      if (missing.length > 0) {
        const found = await client.communePerimeters(missing.map((id) => id.slice("COMMUNE:".length)));
        rows.push(...missing.map((territoryId) => ({ territoryId, perimeterId: found.get(territoryId.slice("COMMUNE:".length)) ?? null, fetchedAt: new Date() })));
      }
      // EPCI, one by one (the API finds them by name): rare, and cached like communes.
      for (const territoryId of territoryIds.filter((id) => !cached.has(id) && id.startsWith("EPCI:"))) {
        const siren = territoryId.slice("EPCI:".length);
        const name = loadCog().epcis.find((e) => e.code === siren)?.nom;
        rows.push({ territoryId, perimeterId: name ? await client.epciPerimeter(siren, name) : null, fetchedAt: new Date() });
      }
      if (rows.length > 0) {
        await repository.upsert(rows, ["territoryId"]);
        for (const row of rows) cached.set(row.territoryId, row.perimeterId);
      }
      return territoryIds.map((id) => cached.get(id) ?? null);
    }),
    aidSearch: new DataLoader<string, AtPage<AtAidResult>>(
      (keys) =>
        Promise.all(
          keys.map((key) => {
            const { perimeterId, categorySlugs, page } = JSON.parse(key) as { perimeterId: number; categorySlugs: string[]; page: number };
            return client.searchAids({ perimeterId, categorySlugs, page, itemsPerPage: SEARCH_PAGE_SIZE });
          }),
        ),
    ),
    aid: new DataLoader<number, AtAidResult | null>((ids) => Promise.all(ids.map((id) => client.aid(id)))),
  };
}
