import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { badInput } from "./errors";

/** Relay page information, identical in every subgraph (hence shareable). */
@ObjectType({ description: "Relay page information." })
@Directive("@shareable")
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** `first` / `after` arguments of every connection. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size, from 1 to the connection's maximum (see its description for the default)." })
  first?: number;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge already read." })
  after?: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /**
   * How many items the whole list holds, every page together. A getter that counts on first
   * read (see `toConnection`): GraphQL reads it only when a client selects `totalCount`.
   */
  readonly totalCount: number | Promise<number>;
}

/** How a connection counts its whole list: a number already known, or a count run only when asked for. */
export type Counter = number | (() => Promise<number>);

/** Gives `connection` a `totalCount` that runs `count` once, on first read, and never otherwise. */
export function withTotalCount<C extends Omit<Connection<unknown>, "totalCount">>(connection: C, count: Counter): C & { readonly totalCount: number | Promise<number> } {
  let counted: Promise<number> | null = null;
  return Object.defineProperty(connection, "totalCount", {
    enumerable: true,
    get: () => (typeof count === "number" ? count : (counted ??= count())),
  }) as C & { readonly totalCount: number | Promise<number> };
}

/** A connection that also says how many items match in all (`totalCount`). */
export interface CountedConnection<T> extends Connection<T> {
  totalCount: number;
}

/** Builds the `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay connection).` })
  class ConnectionClass {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds (every page, the same filter and rights); counted only when selected." })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** Like `connectionType`, with a `totalCount` field: the number of items matching, over every page. */
export function countedConnectionType<T extends object>(name: string, nodeType: ClassType<T>): ClassType<CountedConnection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay connection), with the number of items matching over every page.` })
  class ConnectionClass {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items match, over every page." })
    totalCount!: number;
  }
  return ConnectionClass;
}

export const DEFAULT_PAGE_SIZE = 20;

export interface Page<K> {
  /** How many rows to read: the page size plus one, to learn whether a next page exists. */
  limit: number;
  size: number;
  /** The decoded keyset of `after`, or null for the first page. */
  after: K | null;
}

/**
 * Validates `first`/`after`; the cursor is an opaque base64url JSON keyset. Anyone can decode
 * it: a keyset holds ids or non-personal values only, never names (order by a personal value
 * with the id in the cursor and the value looked up in SQL). `args` is a PageArgs, whose
 * arguments GraphQL passes as null when a client writes `first: null`.
 */
export function readPage<K>(args: { first?: number | null; after?: string | null }, max: number, isKey: (value: unknown) => value is K): Page<K> {
  const size = args.first ?? Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput(`first must be between 1 and ${max}`, "first");
  }
  let after: K | null = null;
  if (args.after !== undefined && args.after !== null) {
    after = decodeCursor(args.after, isKey);
  }
  return { limit: size + 1, size, after };
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor<K>(cursor: string, isKey: (value: unknown) => value is K): K {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (isKey(value)) return value;
  } catch {
    // fall through: a cursor that is not ours
  }
  throw badInput("after is not a valid cursor", "after");
}

/**
 * Turns `limit` = size + 1 rows into a connection; `count` gives its `totalCount` (run only
 * when a client selects it: the same filter and rights as the rows, without the page).
 */
export function toConnection<T>(rows: T[], page: Page<unknown>, keyOf: (row: T) => unknown, count: Counter): Connection<T> {
  const nodes = rows.slice(0, page.size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return withTotalCount(
    {
      edges,
      pageInfo: {
        hasNextPage: rows.length > page.size,
        hasPreviousPage: page.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    },
    count,
  );
}

/** The count of a first page that holds the whole list, or `count` (the list is longer). */
export function countOf(rows: unknown[], page: Page<unknown>, count: () => Promise<number>): Counter {
  return page.after === null && rows.length <= page.size ? rows.length : count;
}

/** Type guards for common keysets. */
export const isStringKey = (value: unknown): value is string => typeof value === "string";
export const isStringPair = (value: unknown): value is [string, string] => Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string");
