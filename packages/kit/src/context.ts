import type { DataSource } from "typeorm";
import type { Viewer } from "./viewer";

/** The per-request context of every subgraph: who calls, fresh DataLoaders, the database. */
export interface SubgraphContext<L> {
  viewer: Viewer;
  loaders: L;
  dataSource: DataSource;
}
