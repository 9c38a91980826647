import type { DataSource } from "typeorm";
import { SuggestionRule } from "../entities/suggestion.entity";
import { projectPlaces, type ProjectProfile } from "../rules/suggestions";

/** What the SQL prefilter matches a project on: its tags, its themes, and its régions and départements. */
interface RuleFilter {
  tags: string[];
  themes: string[];
  places: string[];
}

/** The key of a project's prefilter (projects with the same tags, themes and places share it). */
export function ruleFilterKey(profile: ProjectProfile): string {
  const filter: RuleFilter = {
    tags: [...new Set(profile.tags)].sort(),
    themes: [...new Set(profile.themes)].sort(),
    places: [...projectPlaces(profile.territoryIds)].sort(),
  };
  return JSON.stringify(filter);
}

interface RuleRow {
  key: string;
  id: string;
  name: string;
  tags: string[];
  themes: string[];
  territory_ids: string[];
  resource_ids: string[];
  owner_organization_id: string | null;
  version: number;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The rules that may match each prefilter key, oldest first, in one statement for a batch of
 * keys: a rule is kept when each criterion is empty or shares a value with the project's
 * (`*_keys` hold '*' for an empty criterion: migration 1768860000001, GIN indexes). The same
 * rule as `suggest` (rules/suggestions.ts), which still checks each rule and its resources.
 */
export async function prefilterRules(dataSource: DataSource, keys: readonly string[]): Promise<{ key: string; rule: SuggestionRule }[]> {
  const filters = keys.map((key) => ({ key, ...(JSON.parse(key) as RuleFilter) }));
  const rows = await dataSource.query<RuleRow[]>(
    `SELECT f.key, r.id, r.name, r.tags, r.themes, r.territory_ids, r.resource_ids, r.owner_organization_id, r.version, r.updated_by, r.created_at, r.updated_at
       FROM jsonb_to_recordset($1::jsonb) AS f(key text, tags text[], themes text[], places text[])
       JOIN suggestion_rule r
         ON r.tag_keys && array_append(f.tags, '*')
        AND r.theme_keys && array_append(f.themes, '*')
        AND r.territory_keys && array_append(f.places, '*')
      ORDER BY r.created_at, r.id`,
    [JSON.stringify(filters)],
  );
  return rows.map((row) => ({
    key: row.key,
    rule: Object.assign(new SuggestionRule(), {
      id: row.id,
      name: row.name,
      tags: row.tags,
      themes: row.themes,
      territoryIds: row.territory_ids,
      resourceIds: row.resource_ids,
      ownerOrganizationId: row.owner_organization_id,
      version: row.version,
      updatedBy: row.updated_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
  }));
}
