import DataLoader from "dataloader";

/**
 * A per-request loader of rows by key: one batch = one query (`fetch` receives the distinct
 * keys), results in key order, null where a key matches no row.
 */
export function rowLoader<K, T>(fetch: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, T>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of the rows belonging to each key (one-to-many), in one query per batch. */
export function groupLoader<K, T>(fetch: (keys: readonly K[]) => Promise<T[]>, groupOf: (row: T) => K): DataLoader<K, T[]> {
  return new DataLoader<K, T[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, T[]>();
    for (const row of rows) {
      const key = groupOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (so it can be compared with a uuid column without an SQL error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A per-request loader of one page of a one-to-many relation for many parents at once (e.g.
 * the first 20 members of every territory in a list): parents asking with the same page
 * arguments are fetched together, in one SQL statement (typically a LATERAL join), and
 * each gets its own rows back.
 */
export class PagedRelationLoader<P, T> {
  private readonly loaders = new Map<string, DataLoader<P, T[]>>();

  /** `fetch` returns rows for several parents; `parentOf` tells whose each row is. */
  constructor(
    private readonly fetch: (parents: readonly P[], pageKey: string) => Promise<T[]>,
    private readonly parentOf: (row: T) => P,
  ) {}

  /** The rows of `parent` for the page described by `pageKey` (same key, same batch). */
  load(parent: P, pageKey: string): Promise<T[]> {
    let loader = this.loaders.get(pageKey);
    if (!loader) {
      loader = groupLoader((parents) => this.fetch(parents, pageKey), this.parentOf);
      this.loaders.set(pageKey, loader);
    }
    return loader.load(parent);
  }
}

/** One parent's count of a relation, as a `RelationCountLoader` fetch returns it. */
export interface ParentCount<P> {
  parent: P;
  count: number;
}

/**
 * A per-request loader of the `totalCount` of a one-to-many relation for many parents at once
 * (the projects of every territory in a list): parents asking with the same filter (`key`) are
 * counted together in one SQL statement; a parent `fetch` leaves out counts 0.
 */
export class RelationCountLoader<P> {
  private readonly loaders = new Map<string, DataLoader<P, number>>();

  constructor(private readonly fetch: (parents: readonly P[], key: string) => Promise<ParentCount<P>[]>) {}

  load(parent: P, key: string): Promise<number> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<P, number>(async (parents) => {
        const counts = new Map((await this.fetch(parents, key)).map((row) => [row.parent, row.count]));
        return parents.map((parent) => counts.get(parent) ?? 0);
      });
      this.loaders.set(key, loader);
    }
    return loader.load(parent);
  }
}
