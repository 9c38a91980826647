import { loadThemes } from "@hub/reference";
import type { AidSearchCriteria, AtAidResult } from "../clients/aides-territoires.types";
import { AUDIENCE_NAMES, DESTINATION_NAMES, ENGINEERING_GROUP, PHASE_DESTINATIONS, PHASE_STEPS, STEP_NAMES, type Phase } from "./vocabulary";

/**
 * Which aids fit a project (pure functions). The API is asked with everything it can filter
 * on (perimeter, audience, categories, steps); each aid received is then checked again here,
 * with what the API cannot filter: open calls only, the kind, the destinations of the phase.
 */

export type Kind = "FINANCIAL" | "ENGINEERING";

export interface MatchCriteria {
  /** The carrier's audience slug (commune, epci, department, region); null: any. */
  audience: string | null;
  /** Theme slugs of the project; empty: any theme. */
  themes: string[];
  phase: Phase | null;
  kind: Kind | null;
  /** YYYY-MM-DD: calls whose deadline is before this day are closed. */
  today: string;
}

export interface AidMatch {
  aid: AtAidResult;
  kind: Kind;
  /** Names of the project's themes the aid's categories belong to. */
  themes: string[];
  /** Whether the aid lists a step of the project's phase (false when no phase is given). */
  stepMatched: boolean;
  /** The destination slugs of the phase the aid lists. */
  destinations: string[];
  /** Days left before the deadline (0: today); null for a permanent aid. */
  daysLeft: number | null;
}

/** An aid is engineering when every one of its natures belongs to an engineering group. */
export function kindOf(aid: AtAidResult): Kind {
  return aid.aid_types_full.length > 0 && aid.aid_types_full.every((type) => ENGINEERING_GROUP.test(type.group.name)) ? "ENGINEERING" : "FINANCIAL";
}

/** The Aides-Territoires category slugs of theme slugs, sorted (unknown themes add nothing). */
export function categoriesOfThemes(themes: string[]): string[] {
  const wanted = new Set(themes);
  return loadThemes()
    .filter((theme) => wanted.has(theme.slug))
    .flatMap((theme) => theme.categories.map((category) => category.slug))
    .sort();
}

/** What to ask the API for one perimeter: the same criteria give the same cache key. */
export function searchCriteria(perimeterId: number, audience: string, themes: string[], phase: Phase | null): AidSearchCriteria {
  return { perimeterId, audience, categorySlugs: categoriesOfThemes(themes), stepSlugs: phase ? [...PHASE_STEPS[phase]].sort() : [] };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The match of an aid with a project, or null when it does not fit. Unknown aid fields (empty lists) never exclude it. */
export function matchAid(aid: AtAidResult, criteria: MatchCriteria): AidMatch | null {
  const daysLeft = aid.submission_deadline ? daysBetween(criteria.today, aid.submission_deadline) : null;
  if (daysLeft !== null && daysLeft < 0) return null;
  const kind = kindOf(aid);
  if (criteria.kind && kind !== criteria.kind) return null;
  if (criteria.audience && aid.targeted_audiences.length > 0) {
    const name = AUDIENCE_NAMES[criteria.audience];
    if (name && !aid.targeted_audiences.includes(name)) return null;
  }
  const themes = themesOfAid(aid, criteria.themes);
  if (criteria.themes.length > 0 && aid.categories.length > 0 && themes.length === 0) return null;
  let stepMatched = false;
  let destinations: string[] = [];
  if (criteria.phase) {
    const steps = PHASE_STEPS[criteria.phase].map((slug) => STEP_NAMES[slug]);
    stepMatched = aid.mobilization_steps.some((name) => steps.includes(name));
    if (aid.mobilization_steps.length > 0 && !stepMatched) return null;
    destinations = PHASE_DESTINATIONS[criteria.phase].filter((slug) => aid.destinations.includes(DESTINATION_NAMES[slug]));
    if (aid.destinations.length > 0 && destinations.length === 0) return null;
  }
  return { aid, kind, themes, stepMatched, destinations, daysLeft };
}

/** The names of the given themes that an aid's "Theme / Category" labels belong to. */
function themesOfAid(aid: AtAidResult, themeSlugs: string[]): string[] {
  const wanted = new Set(themeSlugs);
  return loadThemes()
    .filter((theme) => wanted.has(theme.slug) && aid.categories.some((label) => label.startsWith(`${theme.name} / `)))
    .map((theme) => theme.name);
}
