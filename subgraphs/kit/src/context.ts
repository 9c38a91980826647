import type { DataSource } from "typeorm";
import type { Viewer } from "./viewer";

/** The per-request context of every subgraph: who calls, fresh DataLoaders, the database. */
export interface SubgraphContext<L> {
  viewer: Viewer;
  loaders: L;
  dataSource: DataSource;
}

/** A context factory: loaders are created per request, never shared between two requests. */
export function contextFactory<L>(dataSource: DataSource, createLoaders: (dataSource: DataSource) => L) {
  return (viewer: Viewer): SubgraphContext<L> => ({ viewer, loaders: createLoaders(dataSource), dataSource });
}
