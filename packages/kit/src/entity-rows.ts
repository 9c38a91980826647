import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * Column types whose value, as `pg` parses it, is the entity's value: typeorm's
 * `prepareHydratedValue` leaves them as they are (dates, `date`, booleans, enums, numbers
 * declared as `Number`... are converted, and go through it).
 */
const AS_PARSED = new Set<unknown>(["text", "varchar", "character varying", "uuid", "integer", "int", "int4", "smallint", "int2", "bigint", "int8", "jsonb", "json"]);

interface ColumnReader {
  property: string;
  /** The column's name in SQL. */
  name: string;
  /** The row's value as the entity holds it. */
  hydrate: (value: unknown) => unknown;
}

/** Lists read with plain SQL: which columns to select, and the rows as entities. */
export interface RowReader<T> {
  /**
   * The select list of these properties' columns on `alias` (every column when omitted), each
   * named after its property: `p."created_at" AS "createdAt", …`.
   */
  select(alias: string, properties?: Iterable<string>): string;
  /** Rows selected with `select` as entities, converted as typeorm's own reads convert them; properties not selected stay undefined. */
  read(rows: readonly Record<string, unknown>[]): T[];
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A reader of an entity's rows: what typeorm's query builder and hydrator do for a list
 * (`getMany`), without their cost, which on a page of 50 projects was most of the subgraph's
 * CPU (building the SQL, then hydrating generically: aliases, grouping by primary key, a
 * metadata lookup per column and row). Each column converts its value once: as `pg` parsed it
 * when typeorm leaves it so, else through typeorm's own `prepareHydratedValue` (and its
 * transformer), so that an entity read here equals one read by typeorm. Entities with embedded
 * columns or relations are not for it (ours have neither: foreign keys are plain columns).
 */
export function rowReader<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): RowReader<T> {
  let readers = built.get(dataSource);
  if (!readers) built.set(dataSource, (readers = new Map<EntityTarget<ObjectLiteral>, RowReader<ObjectLiteral>>()));
  let reader = readers.get(entity);
  if (!reader) readers.set(entity, (reader = buildReader(dataSource, entity)));
  return reader as RowReader<T>;
}

/** The readers built for each data source, by entity (built once: requests only look them up). */
const built = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, RowReader<ObjectLiteral>>>();

function buildReader<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): RowReader<T> {
  const metadata = dataSource.getMetadata(entity);
  const driver = dataSource.driver;
  const columns = new Map<string, ColumnReader>();
  for (const column of metadata.columns) {
    if (column.isVirtual) continue;
    if (column.embeddedMetadata || column.relationMetadata) throw new Error(`rowReader: ${metadata.name}.${column.propertyName} is embedded or a relation`);
    const asParsed = AS_PARSED.has(column.type) && !column.transformer;
    const hydrate = asParsed ? (value: unknown) => value : (value: unknown) => driver.prepareHydratedValue(value, column) as unknown;
    columns.set(column.propertyName, { property: column.propertyName, name: column.databaseName, hydrate });
  }
  const all = [...columns.keys()];
  const readers = [...columns.values()];

  return {
    select(alias, properties = all) {
      const list: string[] = [];
      for (const property of properties) {
        const column = columns.get(property);
        if (!column) throw new Error(`${metadata.name} has no column for the property ${property}`);
        list.push(`${alias}.${quoted(column.name)} AS ${quoted(property)}`);
      }
      return list.join(", ");
    },
    read(rows) {
      return rows.map((row) => {
        const read = metadata.create() as T;
        for (const { property, hydrate } of readers) {
          const value = row[property];
          if (value !== undefined) (read as Record<string, unknown>)[property] = hydrate(value);
        }
        return read;
      });
    },
  };
}
