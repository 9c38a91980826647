import { badInput } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";

/** Which projects an export or a Grist sync takes: every field narrows; none is France entire. */
export interface ExportFilter {
  /** A commune, an EPCI, a CRTE, a département or a région (kind-qualified id). */
  territoryId?: string | null;
  programme?: string | null;
  theme?: string | null;
  status?: string | null;
  phase?: string | null;
  /** Projects created on or after this day (YYYY-MM-DD). */
  from?: string | null;
  /** Projects created on or before this day (YYYY-MM-DD). */
  to?: string | null;
}

export const EXPORT_FILTER_FIELDS = ["territoryId", "programme", "theme", "status", "phase", "from", "to"] as const;
export const PROJECT_STATUSES = ["DRAFT", "SUBMITTED", "QUALIFIED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "ABANDONED"];
export const PROJECT_PHASES = ["IDEE", "ETUDE", "OPERATION"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a filter (from GraphQL or a query string) and returns it with only the fields set. */
export function validateExportFilter(raw: Record<string, unknown>): ExportFilter {
  const filter: ExportFilter = {};
  for (const field of EXPORT_FILTER_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string" || value.length > 100) throw badInput(`${field} must be one text value of at most 100 characters`, field);
    filter[field] = value;
  }
  if (filter.territoryId && !isTerritoryId(filter.territoryId)) throw badInput(`"${filter.territoryId}" is not a territory id`, "territoryId");
  if (filter.status && !PROJECT_STATUSES.includes(filter.status)) throw badInput(`status must be one of ${PROJECT_STATUSES.join(", ")}`, "status");
  if (filter.phase && !PROJECT_PHASES.includes(filter.phase)) throw badInput(`phase must be one of ${PROJECT_PHASES.join(", ")}`, "phase");
  for (const field of ["from", "to"] as const) {
    const day = filter[field];
    if (day && (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))) throw badInput(`${field} must be a day, YYYY-MM-DD`, field);
  }
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
