// Judging the answers of the "search" benchmark: did the search rank first the territory it
// was made from (or an equally exact, at least as populated one)?

// The subgraph's own normal form of names (what its exact-name match compares).
import { normalizeName } from "@hub/people-territories";
import { CATEGORIES, CODE_CATEGORIES, EXACT_NAME_CATEGORIES, type Category, type SearchCase, type TerritoryFacts } from "./search-queries";

/** One request of the sequential run: its time, why it failed (null when it did not), its data. */
export interface Sample {
  ms: number;
  failure: string | null;
  data: unknown;
}

type Node = { id: string; name: string };

export interface RankingRow {
  category: string;
  queries: number;
  /** Searches answered without error (the shares below are of these). */
  answered: number;
  hit1: number;
  /** null where ties make no sense (prefixes, typos). */
  hit1Ties: number | null;
  top10: number;
  empty: number;
}

export function rankingOf(cases: SearchCase[], searches: Sample[], facts: Map<string, TerritoryFacts>) {
  const misses: { category: Category; search: string; expected: string; first: string | null }[] = [];
  const judged = cases.map((c, i) => {
    const edges = (searches[i].data as { territories?: { edges?: { node: Node }[] } } | null)?.territories?.edges;
    if (!Array.isArray(edges)) return { c, answered: false, hit1: false, ties: false, top10: false, empty: false };
    const nodes = edges.map((e) => e.node);
    const ties = firstIsAcceptable(c, nodes[0], facts);
    if (!ties && (EXACT_NAME_CATEGORIES.includes(c.category) || CODE_CATEGORIES.includes(c.category))) {
      misses.push({ category: c.category, search: c.search, expected: `${c.expectedId} ${c.expectedName}`, first: nodes[0] ? `${nodes[0].id} ${nodes[0].name}` : null });
    }
    return { c, answered: true, hit1: nodes[0]?.id === c.expectedId, ties, top10: nodes.some((n) => n.id === c.expectedId), empty: nodes.length === 0 };
  });
  const row = (category: string, members: typeof judged, withTies: boolean): RankingRow => {
    const answered = members.filter((j) => j.answered);
    return {
      category,
      queries: members.length,
      answered: answered.length,
      hit1: answered.filter((j) => j.hit1).length,
      hit1Ties: withTies ? answered.filter((j) => j.ties).length : null,
      top10: answered.filter((j) => j.top10).length,
      empty: answered.filter((j) => j.empty).length,
    };
  };
  const of = (categories: readonly Category[]) => judged.filter((j) => categories.includes(j.c.category));
  const exact = row("exact names (all)", of(EXACT_NAME_CATEGORIES), true);
  const codes = row("codes (all)", of(CODE_CATEGORIES), true);
  const rows = [...CATEGORIES.map((category) => row(category, of([category]), EXACT_NAME_CATEGORIES.includes(category) || CODE_CATEGORIES.includes(category))), exact, codes];
  return { rows, aggregates: { exactNames: exact, codes }, misses };
}

/**
 * Whether the first answer is right, ties allowed: the expected territory, or one that matches
 * just as exactly (the same normalised name, or the searched code) and is at least as populated,
 * since the subgraph orders exact matches by population. Only for exact-name and code categories.
 */
export function firstIsAcceptable(c: SearchCase, first: { id: string; name: string } | undefined, facts: Map<string, TerritoryFacts>): boolean {
  if (!first) return false;
  if (first.id === c.expectedId) return true;
  const got = facts.get(first.id);
  const expected = facts.get(c.expectedId);
  if (!got || !expected || got.population < expected.population) return false;
  if (EXACT_NAME_CATEGORIES.includes(c.category)) return normalizeName(first.name) === normalizeName(c.search);
  if (CODE_CATEGORIES.includes(c.category)) {
    const raw = c.search.trim().toUpperCase();
    return got.code === raw || got.siren === raw || got.postcodes.includes(raw);
  }
  return false;
}
