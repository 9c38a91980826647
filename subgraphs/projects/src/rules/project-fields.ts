import { badInput, notFound } from "@hub/kit";
import { isTerritoryId, loadThemes, projectTerritoriesAncestry, projectTerritoryAncestry } from "@hub/reference";
import type { Maturity, Project, ProjectPhase } from "../entities/project.entity";

/**
 * What a project's fields may hold, and their normal form: checked before anything is
 * written. No database, only the reference map and themes held in memory.
 */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

export interface ProjectFieldsData {
  title?: string | null;
  description?: string | null;
  themes?: string[] | null;
  programmes?: string[] | null;
  phase?: ProjectPhase | null;
  budgetEuros?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  /** Other communes concerned, besides the main territory. */
  communeIds?: string[] | null;
}

export interface DiagnosticData {
  needs?: string | null;
  blockers?: string | null;
  partners?: string[] | null;
  financingPlan?: { source: string; amountEuros: number; secured: boolean }[] | null;
  calendar?: string | null;
  maturity?: Maturity | null;
}

/** An état des lieux as stored (the JSON of `project.diagnostic`). */
export type DiagnosticRecord = NonNullable<Project["diagnosticData"]>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const PROGRAMME_MAX = 20;
/** Other communes a project may concern (a large EPCI's communes fit). */
export const OTHER_COMMUNES_MAX = 200;

/** Validates the editable fields that are given; returns them normalised. */
export function validateFields(input: ProjectFieldsData): Partial<Project> {
  const fields: Partial<Project> = {};
  if (input.title !== undefined && input.title !== null) fields.title = validateText(input.title, "title", TITLE_MAX, true);
  if (input.description !== undefined && input.description !== null) fields.description = validateText(input.description, "description", DESCRIPTION_MAX, false);
  if (input.themes) fields.themes = validateThemes(input.themes);
  if (input.programmes) {
    const programmes = [...new Set(input.programmes.map((p) => p.trim()).filter(Boolean))];
    if (programmes.length > PROGRAMME_MAX || programmes.some((p) => p.length > 80)) throw badInput(`At most ${PROGRAMME_MAX} programmes of 80 characters`, "programmes");
    fields.programmes = programmes;
  }
  if (input.phase) fields.phase = input.phase;
  if (input.budgetEuros !== undefined && input.budgetEuros !== null) {
    if (!Number.isFinite(input.budgetEuros) || input.budgetEuros < 0 || input.budgetEuros > 1e12) throw badInput("budgetEuros must be between 0 and 10^12", "budgetEuros");
    fields.budgetEuros = Math.round(input.budgetEuros);
  }
  for (const key of ["startDate", "endDate"] as const) {
    const value = input[key];
    if (value !== undefined && value !== null) {
      if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw badInput(`${key} must be a date (YYYY-MM-DD)`, key);
      fields[key] = value;
    }
  }
  if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) throw badInput("endDate is before startDate", "endDate");
  if (input.communeIds) fields.otherCommuneIds = validateCommunes(input.communeIds);
  return fields;
}

/** Other communes concerned: current communes of the map, without repeats, in the order given. */
function validateCommunes(ids: string[]): string[] {
  const communes = [...new Set(ids.map((id) => id.trim()))];
  if (communes.length > OTHER_COMMUNES_MAX) throw badInput(`At most ${OTHER_COMMUNES_MAX} other communes`, "communeIds");
  for (const id of communes) {
    if (!/^COMMUNE:[0-9AB]{5}$/.test(id)) throw badInput(`"${id.slice(0, 60)}" is not a commune id (expected COMMUNE:<INSEE code>)`, "communeIds");
    if (!projectTerritoryAncestry(id)) throw notFound(`No current commune ${id}`);
  }
  return communes;
}

/**
 * A project's other communes (the main territory dropped from them), and every territory it
 * concerns with the levels above each: its main territory's first.
 */
export function projectTerritories(territoryId: string, communeIds: readonly string[]): { otherCommuneIds: string[]; territoryIds: string[] } {
  const otherCommuneIds = communeIds.filter((id) => id !== territoryId);
  return { otherCommuneIds, territoryIds: [...new Set([...territoryAncestry(territoryId), ...(projectTerritoriesAncestry(otherCommuneIds) ?? [])])] };
}

/** The territory and every level above it, from the reference map: what filters match on. */
export function territoryAncestry(territoryId: string): string[] {
  if (!/^(COMMUNE|EPCI):/.test(territoryId)) {
    if (isTerritoryId(territoryId)) throw badInput("A project is carried on a commune (COMMUNE:<INSEE code>) or an EPCI (EPCI:<SIREN>)", "territoryId");
    throw badInput(`"${territoryId.slice(0, 60)}" is not a territory id (expected COMMUNE:<INSEE code> or EPCI:<SIREN>)`, "territoryId");
  }
  const ancestry = projectTerritoryAncestry(territoryId);
  if (!ancestry) throw notFound(`No current commune or EPCI ${territoryId.slice(0, 60)}`);
  return ancestry;
}

export function validateThemes(themes: string[]): string[] {
  const known = new Set(loadThemes().map((t) => t.slug));
  if (themes.length > known.size) throw badInput(`At most ${known.size} themes`, "themes");
  for (const theme of themes) {
    if (!known.has(theme)) throw badInput(`Unknown theme "${theme.slice(0, 60)}" (see the Aides-Territoires themes)`, "themes");
  }
  return [...new Set(themes)];
}

export function validateText(value: string, field: string, max: number, required: boolean): string {
  const text = value.trim();
  if (required && text === "") throw badInput(`${field} must not be empty`, field);
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return text;
}

/** Validates a whole état des lieux; returns it normalised, as stored. */
export function validateDiagnostic(input: DiagnosticData): DiagnosticRecord {
  const text = (value: string | null | undefined, field: string) => (value === undefined || value === null ? null : validateText(value, field, DESCRIPTION_MAX, false) || null);
  const partners = (input.partners ?? []).map((p) => validateText(p, "partners", 200, true));
  const financingPlan = (input.financingPlan ?? []).map((line) => {
    if (!Number.isFinite(line.amountEuros) || line.amountEuros < 0 || line.amountEuros > 1e12) throw badInput("amountEuros must be between 0 and 10^12", "financingPlan");
    return { source: validateText(line.source, "financingPlan.source", 200, true), amountEuros: line.amountEuros, secured: line.secured };
  });
  if (partners.length > 50 || financingPlan.length > 50) throw badInput("At most 50 partners and 50 financing lines", "diagnostic");
  return { needs: text(input.needs, "needs"), blockers: text(input.blockers, "blockers"), partners, financingPlan, calendar: text(input.calendar, "calendar"), maturity: input.maturity ?? null };
}
