import { badInput, isUuid } from "@hub/kit";
import { loadCog, loadThemes } from "@hub/reference";
import type { Resource } from "../entities/library.entity";
import type { SuggestionRule } from "../entities/suggestion.entity";
import { isLive, text, validateThemes } from "./library-fields";
import { applicableTerritories, validateResourceTerritories } from "./library-writers";

/**
 * Suggestions, as pure functions: a rule matches a project when each of its criteria left
 * non-empty meets the project (any of its tags among the project's, any of its themes, any of
 * its territories containing the project); its resources are suggested when they are published,
 * not expired, apply where the project is, and were neither recommended to it nor discarded.
 */

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const RULE_LIMITS = { name: [1, 200] as const, tags: 20, resources: 20 };

/** What a project is matched on (read from the projects subgraph through @requires). */
export interface ProjectProfile {
  themes: readonly string[];
  tags: readonly string[];
  /** The territories concerned (the carrier, then other communes). */
  territoryIds: readonly string[];
}

export interface Suggestion {
  resource: Resource;
  matchedTags: string[];
  matchedThemes: string[];
  /** Régions and départements of rules that matched (none: national rules only). */
  matchedTerritoryIds: string[];
  rules: SuggestionRule[];
  explanation: string;
}

export interface RuleData {
  name: string;
  tags: string[];
  themes: string[];
  territoryIds: string[];
  resourceIds: string[];
}

/** Checks a rule's fields (BAD_USER_INPUT with the field): at least a tag or a theme, 1 to 20 resources. */
export function validateRule(input: { name: string; tags?: string[] | null; themes?: string[] | null; territoryIds?: string[] | null; resourceIds: string[] }): RuleData {
  const name = text(input.name, "input.name", RULE_LIMITS.name);
  const tags = [...new Set(input.tags ?? [])];
  if (tags.length > RULE_LIMITS.tags) throw badInput(`At most ${RULE_LIMITS.tags} tags`, "input.tags");
  const badTag = tags.find((t) => t.length > 60 || !TAG.test(t));
  if (badTag !== undefined) throw badInput(`"${badTag.slice(0, 60)}" is not a tag (lower-case words joined by hyphens)`, "input.tags");
  const themes = validateThemes(input.themes ?? [], "input.themes");
  if (tags.length === 0 && themes.length === 0) throw badInput("A rule needs at least a tag or a theme", "input.tags");
  const territoryIds = validateResourceTerritories(input.territoryIds ?? [], "input.territoryIds");
  const resourceIds = [...new Set(input.resourceIds.map((id) => id.toLowerCase()))];
  if (resourceIds.length === 0 || resourceIds.length > RULE_LIMITS.resources) throw badInput(`A rule suggests 1 to ${RULE_LIMITS.resources} resources`, "input.resourceIds");
  const badId = resourceIds.find((id) => !isUuid(id));
  if (badId !== undefined) throw badInput(`"${badId.slice(0, 60)}" is not a resource id`, "input.resourceIds");
  return { name, tags, themes, territoryIds, resourceIds };
}

/** The régions and départements where the project is (those of every territory concerned). */
export function projectPlaces(territoryIds: readonly string[]): Set<string> {
  return new Set(territoryIds.flatMap((id) => applicableTerritories(id) ?? []));
}

function territoryName(id: string): string {
  const [kind, code] = id.split(":");
  const cog = loadCog();
  const name = kind === "REGION" ? cog.regions.find((r) => r.code === code)?.nom : cog.departements.find((d) => d.code === code)?.nom;
  return name ?? id;
}

/** The French sentence that says why a resource is suggested. */
export function explain(s: Pick<Suggestion, "matchedTags" | "matchedThemes" | "matchedTerritoryIds">): string {
  const themes = new Map(loadThemes().map((t) => [t.slug, t.name]));
  const parts: string[] = [];
  if (s.matchedTags.length > 0) parts.push(`${s.matchedTags.length > 1 ? "Réponses de l'état des lieux" : "Réponse de l'état des lieux"} : ${s.matchedTags.join(", ")}`);
  if (s.matchedThemes.length > 0) parts.push(`${s.matchedThemes.length > 1 ? "Thèmes" : "Thème"} : ${s.matchedThemes.map((t) => themes.get(t) ?? t).join(", ")}`);
  parts.push(s.matchedTerritoryIds.length > 0 ? `Territoire : ${s.matchedTerritoryIds.map(territoryName).join(", ")}` : "Territoire : toute la France");
  return parts.join(" · ");
}

/**
 * The resources suggested to a project, with what matched: most tags matched first, then most
 * themes, then title. `resources` holds the rules' resources by id; `excluded` those already
 * recommended or discarded.
 */
export function suggest(project: ProjectProfile, rules: readonly SuggestionRule[], resources: ReadonlyMap<string, Resource>, excluded: ReadonlySet<string>, now: Date): Suggestion[] {
  const places = projectPlaces(project.territoryIds);
  const found = new Map<string, Suggestion>();
  for (const rule of rules) {
    const tags = rule.tags.filter((t) => project.tags.includes(t));
    const themes = rule.themes.filter((t) => project.themes.includes(t));
    const territories = rule.territoryIds.filter((t) => places.has(t));
    if ((rule.tags.length > 0 && tags.length === 0) || (rule.themes.length > 0 && themes.length === 0) || (rule.territoryIds.length > 0 && territories.length === 0)) continue;
    for (const id of rule.resourceIds) {
      const resource = resources.get(id);
      if (!resource || excluded.has(id) || !isLive(resource, now)) continue;
      if (resource.territoryIds.length > 0 && !resource.territoryIds.some((t) => places.has(t))) continue;
      const current = found.get(id) ?? { resource, matchedTags: [], matchedThemes: [], matchedTerritoryIds: [], rules: [], explanation: "" };
      current.matchedTags = [...new Set([...current.matchedTags, ...tags])].sort();
      current.matchedThemes = [...new Set([...current.matchedThemes, ...themes])].sort();
      current.matchedTerritoryIds = [...new Set([...current.matchedTerritoryIds, ...territories])].sort();
      current.rules.push(rule);
      found.set(id, current);
    }
  }
  return [...found.values()]
    .map((s) => ({ ...s, explanation: explain(s) }))
    .sort(
      (a, b) =>
        b.matchedTags.length - a.matchedTags.length ||
        b.matchedThemes.length - a.matchedThemes.length ||
        a.resource.title.localeCompare(b.resource.title, "fr") ||
        a.resource.id.localeCompare(b.resource.id),
    );
}
