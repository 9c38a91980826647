import { badInput, encodeCursor, decodeCursor, type Connection } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import type { AidesTerritoiresClient, AtAidResult } from "./aides-territoires.client";
import { FundingKind, type FundingOpportunity } from "../entities/funding.types";

export const MAX_OPPORTUNITY_PAGE = 50;
/** Aides-Territoires page size used for every search, so pages are shared between requests. */
export const SEARCH_PAGE_SIZE = 50;

/** The Aides-Territoires categories of the project's themes. */
export function categoriesOfThemes(themes: string[]): string[] {
  const wanted = new Set(themes);
  return loadThemes()
    .filter((theme) => wanted.has(theme.slug))
    .flatMap((theme) => theme.categories.map((category) => category.slug));
}

export function toOpportunity(aid: AtAidResult, client: AidesTerritoiresClient): FundingOpportunity {
  const engineering = aid.aid_types_full.length > 0 && aid.aid_types_full.every((type) => /ing[ée]nierie/i.test(type.group.name));
  return {
    id: `AT:${aid.id}`,
    name: aid.name,
    url: client.siteUrl(aid.url),
    kind: engineering ? FundingKind.ENGINEERING : FundingKind.FINANCIAL,
    financers: aid.financers,
    aidTypes: aid.aid_types,
    categories: aid.categories,
    perimeter: aid.perimeter,
    submissionDeadline: aid.submission_deadline,
    subventionRateUpperBound: aid.subvention_rate_upper_bound,
  };
}

export interface OpportunityPage {
  first: number;
  offset: number;
}

const isOffset = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 10_000;

export function readOpportunityPage(first: number | undefined, after: string | undefined): OpportunityPage {
  const size = first ?? 10;
  if (!Number.isInteger(size) || size < 1 || size > MAX_OPPORTUNITY_PAGE) throw badInput(`first must be between 1 and ${MAX_OPPORTUNITY_PAGE}`, "first");
  return { first: size, offset: after ? decodeCursor(after, isOffset) + 1 : 0 };
}

/**
 * A connection over Aides-Territoires results: reads the fixed-size API pages that cover
 * [offset, offset + first) through `fetchPage` (a DataLoader, so pages are shared).
 */
export async function opportunityConnection(
  page: OpportunityPage,
  fetchPage: (apiPage: number) => Promise<{ count: number; results: AtAidResult[] }>,
  client: AidesTerritoiresClient,
): Promise<Connection<FundingOpportunity>> {
  const firstApiPage = Math.floor(page.offset / SEARCH_PAGE_SIZE) + 1;
  const lastApiPage = Math.floor((page.offset + page.first - 1) / SEARCH_PAGE_SIZE) + 1;
  const pages = await Promise.all(Array.from({ length: lastApiPage - firstApiPage + 1 }, (_, i) => fetchPage(firstApiPage + i)));
  const count = pages[0]?.count ?? 0;
  const start = page.offset - (firstApiPage - 1) * SEARCH_PAGE_SIZE;
  const aids = pages.flatMap((p) => p.results).slice(start, start + page.first);
  const edges = aids.map((aid, index) => ({ cursor: encodeCursor(page.offset + index), node: toOpportunity(aid, client) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.offset + edges.length < count,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
