import { PRIORITY_ORDER, PRIORITY_RANK } from "./priority";

/** What a list of projects may be sorted by (`projects(orderBy:)`). */
export enum ProjectOrderField {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  SUBMITTED = "SUBMITTED",
  PRIORITY = "PRIORITY",
  TITLE = "TITLE",
}

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}

export interface ProjectOrder {
  field: ProjectOrderField;
  direction: SortDirection;
}

/** The direction of a field when none is given: the latest, the highest priority first; titles from A to Z. */
export function orderOf(field: ProjectOrderField, direction?: SortDirection | null): ProjectOrder {
  return { field, direction: direction ?? (field === ProjectOrderField.TITLE ? SortDirection.ASC : SortDirection.DESC) };
}

/** Newest first: the order of `projects` when none is asked for. */
export const DEFAULT_PROJECT_ORDER: ProjectOrder = { field: ProjectOrderField.CREATED, direction: SortDirection.DESC };

/**
 * The instants a never-submitted project sorts at, so that it comes last in both directions.
 * `to_timestamp(double)` is immutable, so the expressions can be indexed (see the migration
 * OrderIndexes1768200000000).
 */
const NEVER_SUBMITTED: Record<SortDirection, string> = {
  [SortDirection.DESC]: "to_timestamp(-62135596800)", // 0001-01-01
  [SortDirection.ASC]: "to_timestamp(253402214400)", // 9999-12-31
};

/** Exact instants (microseconds: a millisecond would merge rows the keyset must tell apart), as cursors carry them. */
export const instantText = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** HIGH 3, NORMAL 2, LOW 1, none 0: DESC puts the highest priority first. */
export const PRIORITY_VALUE = `(${PRIORITY_ORDER.length} - ${PRIORITY_RANK})`;

/**
 * How a list sorts, as SQL on `project p`: the sort `expression` (then the id, in the same
 * direction), its SQL type for comparing a cursor's value, and `text`, the value as the cursor
 * carries it (exact, no rounding). `name` is written in cursors.
 */
export interface ProjectSort {
  name: string;
  expression: string;
  type: "timestamptz" | "int" | "bigint" | "text";
  text: string;
  descending: boolean;
}

export function sortOf(order: ProjectOrder): ProjectSort {
  const base = { name: `${order.field}_${order.direction}`, descending: order.direction === SortDirection.DESC };
  switch (order.field) {
    case ProjectOrderField.CREATED:
      return { ...base, expression: "p.created_at", type: "timestamptz", text: instantText("p.created_at") };
    case ProjectOrderField.UPDATED:
      return { ...base, expression: "p.updated_at", type: "timestamptz", text: instantText("p.updated_at") };
    case ProjectOrderField.SUBMITTED: {
      const expression = `COALESCE(p.submitted_at, ${NEVER_SUBMITTED[order.direction]})`;
      return { ...base, expression, type: "timestamptz", text: instantText(expression) };
    }
    case ProjectOrderField.PRIORITY:
      return { ...base, expression: PRIORITY_VALUE, type: "int", text: `${PRIORITY_VALUE}::text` };
    case ProjectOrderField.TITLE:
      return { ...base, expression: "p.title", type: "text", text: "p.title" };
  }
}

/**
 * The order of `projects(updatedSince:)`: by the project's last journal entry (`journal_position`,
 * the id of its latest Activity, kept by a trigger in the same transaction as the change), then
 * id. Journal ids become visible in increasing order (appends hold an advisory lock until
 * commit), so a change committed after a page was read always lands after that page's cursor.
 */
export const SYNC_SORT: ProjectSort = { name: "SYNC", expression: "p.journal_position", type: "bigint", text: "p.journal_position::text", descending: false };

/** The key of a project in a sorted list: the sort value as text, then the id (ties broken by id). */
export type OrderKey = [string, string];

/**
 * Cursors name their order, so that a cursor of one order given with another is refused rather
 * than silently skipping rows: `[value, id]` for the default order (as before orders existed),
 * `[value, id, name]` for the others.
 */
export type ProjectCursor = [string, string] | [string, string, string];

const DEFAULT_NAME = sortOf(DEFAULT_PROJECT_ORDER).name;

export function cursorOf(sort: ProjectSort, key: OrderKey): ProjectCursor {
  return sort.name === DEFAULT_NAME ? key : [key[0], key[1], sort.name];
}

/** The key a cursor holds for `sort`, or null when it is another order's (or not a key at all). */
export function keyOfCursor(sort: ProjectSort, cursor: ProjectCursor): OrderKey | null {
  const name = cursor.length === 3 ? cursor[2] : DEFAULT_NAME;
  if (name !== sort.name) return null;
  const [value, id] = cursor;
  if (sort.type === "timestamptz" && Number.isNaN(Date.parse(value))) return null;
  if (sort.type === "int" && !/^\d$/.test(value)) return null;
  if (sort.type === "bigint" && !/^\d{1,18}$/.test(value)) return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return [value, id];
}

export const isProjectCursor = (value: unknown): value is ProjectCursor =>
  Array.isArray(value) && (value.length === 2 || value.length === 3) && value.every((v) => typeof v === "string") && value[0].length <= 400;
