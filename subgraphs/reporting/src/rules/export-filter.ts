import { badInput } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import { FRANCE, PROJECT_PHASES, PROJECT_STATUSES } from "./fact-projection";

/** Which projects a portfolio counts, or an export or a Grist sync takes: every field narrows; none is France entire. */
export interface ExportFilter {
  /** A commune, an EPCI, a CRTE, a département or a région (kind-qualified id), or FRANCE. */
  territoryId?: string | null;
  programme?: string | null;
  theme?: string | null;
  status?: string | null;
  phase?: string | null;
  /** Projects created on or after this day (YYYY-MM-DD, a Europe/Paris calendar day). */
  from?: string | null;
  /** Projects created on or before this day (YYYY-MM-DD, a Europe/Paris calendar day). */
  to?: string | null;
}

export const EXPORT_FILTER_FIELDS = ["territoryId", "programme", "theme", "status", "phase", "from", "to"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isOneOf = (values: readonly string[], value: string) => values.includes(value);

/**
 * The one check of a filter, from GraphQL arguments (portfolio, Grist) or a query string
 * (exports): returns it with only the fields set, or throws BAD_USER_INPUT naming the field,
 * after `prefix` (`filter.` for a GraphQL argument named filter).
 */
export function validateExportFilter(raw: Record<string, unknown>, prefix = ""): ExportFilter {
  const filter: ExportFilter = {};
  const refuse = (message: string, field: string) => badInput(message, `${prefix}${field}`);
  for (const field of EXPORT_FILTER_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string" || value.length > 100) throw refuse(`${field} must be one text value of at most 100 characters`, field);
    filter[field] = value;
  }
  if (filter.territoryId && filter.territoryId !== FRANCE && !isTerritoryId(filter.territoryId)) throw refuse(`"${filter.territoryId}" is not a territory id`, "territoryId");
  if (filter.status && !isOneOf(PROJECT_STATUSES, filter.status)) throw refuse(`status must be one of ${PROJECT_STATUSES.join(", ")}`, "status");
  if (filter.phase && !isOneOf(PROJECT_PHASES, filter.phase)) throw refuse(`phase must be one of ${PROJECT_PHASES.join(", ")}`, "phase");
  for (const field of ["from", "to"] as const) {
    const day = filter[field];
    if (day && (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))) throw refuse(`${field} must be a day, YYYY-MM-DD`, field);
  }
  if (filter.from && filter.to && filter.from > filter.to) throw refuse("to must not be before from", "to");
  return filter;
}

/** The filter as SQL on `project_fact` aliased `alias`; pushes its parameters to `params`. Days are French days (Europe/Paris). */
export function exportFilterCondition(filter: ExportFilter, params: unknown[], alias = "f"): string {
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (filter.territoryId) conditions.push(`${alias}.territory_ids @> ARRAY[${next(filter.territoryId)}]::text[]`);
  if (filter.programme) conditions.push(`${alias}.programmes @> ARRAY[${next(filter.programme)}]::text[]`);
  if (filter.theme) conditions.push(`${alias}.themes @> ARRAY[${next(filter.theme)}]::text[]`);
  if (filter.status) conditions.push(`${alias}.status = ${next(filter.status)}`);
  if (filter.phase) conditions.push(`${alias}.phase = ${next(filter.phase)}`);
  if (filter.from) conditions.push(`${alias}.created_at >= (${next(filter.from)}::date)::timestamp AT TIME ZONE 'Europe/Paris'`);
  if (filter.to) conditions.push(`${alias}.created_at < (${next(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`);
  return conditions.length === 0 ? "true" : conditions.join(" AND ");
}
