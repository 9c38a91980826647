import type { Viewer } from "@hub/kit";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { PortfolioFigures } from "../rules/portfolio-shape";
import { readTerritoryPortfolios } from "../services/portfolio.service";

export type Loaders = ReturnType<typeof createLoaders>;

/** Per-request loaders: the portfolios of many territories (Territory.stats) in one SQL statement (two with the viewer's drafts). */
export function createLoaders(dataSource: DataSource, viewer: Viewer) {
  return {
    stats: new DataLoader<string, PortfolioFigures>((territoryIds) => readTerritoryPortfolios(dataSource, viewer, territoryIds)),
  };
}
