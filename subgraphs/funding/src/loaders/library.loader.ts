import { groupLoader, isUuid, rowLoader } from "@hub/kit";
import { In, type DataSource } from "typeorm";
import { Contact, Resource, ResourceVersionRow } from "../entities/library.entity";
import { SuggestionDiscard, SuggestionRule } from "../entities/suggestion.entity";
import { prefilterRules } from "../services/rule-prefilter";

export type LibraryLoaders = ReturnType<typeof createLibraryLoaders>;

/** Per-request loaders of the library: sheets, contacts and versions by id, one statement per batch. */
export function createLibraryLoaders(dataSource: DataSource) {
  return {
    resource: rowLoader<string, Resource>(
      (ids) => dataSource.getRepository(Resource).findBy({ id: In([...ids]) }),
      (r) => r.id,
    ),
    contact: rowLoader<string, Contact>(
      (ids) => dataSource.getRepository(Contact).findBy({ id: In([...ids]) }),
      (c) => c.id,
    ),
    versions: groupLoader<string, ResourceVersionRow>(
      (ids) => dataSource.getRepository(ResourceVersionRow).find({ where: { resourceId: In([...ids]) }, order: { version: "DESC" } }),
      (v) => v.resourceId,
    ),
    /** Every suggestion rule (one key, "all": matched in memory, rules/suggestions.ts). */
    suggestionRules: groupLoader<string, SuggestionRule>(
      () => dataSource.getRepository(SuggestionRule).find({ order: { createdAt: "ASC", id: "ASC" } }),
      () => "all",
    ),
    /** The rules that may match a project, by its prefilter key (services/rule-prefilter.ts): one statement per batch of projects. */
    matchingRules: (() => {
      const pairs = groupLoader<string, { key: string; rule: SuggestionRule }>(
        (keys) => prefilterRules(dataSource, keys),
        (p) => p.key,
      );
      return { load: async (key: string) => (await pairs.load(key)).map((p) => p.rule) };
    })(),
    /** The suggestions discarded for each project, oldest first, those restored included (`restoredAt`). */
    suggestionDiscards: groupLoader<string, SuggestionDiscard>(
      (ids) => dataSource.getRepository(SuggestionDiscard).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { discardedAt: "ASC", id: "ASC" } }),
      (d) => d.projectId,
    ),
  };
}
