import { groupLoader, rowLoader } from "@hub/kit";
import { In, type DataSource } from "typeorm";
import { Contact, Resource, ResourceVersionRow } from "../entities/library.entity";

export type LibraryLoaders = ReturnType<typeof createLibraryLoaders>;

/** Per-request loaders of the library: sheets, contacts and versions by id, one statement per batch. */
export function createLibraryLoaders(dataSource: DataSource) {
  return {
    resource: rowLoader<string, Resource>(
      (ids) => dataSource.getRepository(Resource).findBy({ id: In([...ids]) }),
      (r) => r.id,
    ),
    contact: rowLoader<string, Contact>(
      (ids) => dataSource.getRepository(Contact).findBy({ id: In([...ids]) }),
      (c) => c.id,
    ),
    versions: groupLoader<string, ResourceVersionRow>(
      (ids) => dataSource.getRepository(ResourceVersionRow).find({ where: { resourceId: In([...ids]) }, order: { version: "DESC" } }),
      (v) => v.resourceId,
    ),
  };
}
