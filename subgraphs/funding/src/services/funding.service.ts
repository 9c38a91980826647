import { badInput, decodeCursor, encodeCursor, type Connection } from "@hub/kit";
import { loadCog } from "@hub/reference";
import { GraphQLError } from "graphql";
import type { AidesTerritoiresClient, AtAidResult } from "../clients/aides-territoires.client";
import type { Context } from "../context";
import { FundingKind, type FundingOpportunity } from "../types/funding.types";
import { kindOf, matchAid, searchCriteria, type AidMatch } from "../rules/matching";
import { rankAids, type Coverage, type RankedAid } from "../rules/ranking";
import { audienceOf, type Phase } from "../rules/vocabulary";
import type { Served } from "./aid-cache.service";

export const MAX_OPPORTUNITY_PAGE = 50;

/** An aid as a FundingOpportunity; `ranked` adds the score and the reasons of a ranked list. */
export function toOpportunity(served: Served<AtAidResult>, client: AidesTerritoiresClient, ranked?: RankedAid): FundingOpportunity {
  const aid = served.value;
  const kind = ranked?.kind ?? kindOf(aid);
  return {
    id: `AT:${aid.id}`,
    name: aid.name,
    url: client.siteUrl(aid.url),
    kind: kind === "ENGINEERING" ? FundingKind.ENGINEERING : FundingKind.FINANCIAL,
    score: ranked?.score ?? null,
    reasons: ranked?.reasons ?? [],
    description: aid.description,
    eligibility: aid.eligibility,
    financers: aid.financers,
    instructors: aid.instructors,
    programs: aid.programs,
    aidTypes: aid.aid_types,
    categories: aid.categories,
    targetedAudiences: aid.targeted_audiences,
    steps: aid.mobilization_steps,
    destinations: aid.destinations,
    perimeter: aid.perimeter,
    callForProjects: aid.is_call_for_project === true,
    submissionDeadline: aid.submission_deadline,
    subventionRateLowerBound: aid.subvention_rate_lower_bound,
    subventionRateUpperBound: aid.subvention_rate_upper_bound,
    subventionComment: aid.subvention_comment,
    applicationUrl: aid.application_url,
    originUrl: aid.origin_url,
    contact: aid.contact,
    fetchedAt: served.fetchedAt,
    stale: served.stale,
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

export interface OpportunityQuery {
  /** The carrier first, then the other communes concerned. */
  territoryIds: string[];
  themes: string[];
  phase: Phase | null;
  kind: FundingKind | null;
}

const EMPTY: Connection<FundingOpportunity> = { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };

/**
 * The ranked page of aids for a carrier and the communes concerned: one search per perimeter
 * (through the cache), merged (an aid found through the carrier keeps that coverage), checked
 * by the matching rules, scored by the ranking rules. Errors of Aides-Territoires with nothing
 * cached are thrown (UPSTREAM_UNAVAILABLE on this field only).
 */
export async function rankedOpportunities(query: OpportunityQuery, page: OpportunityPage, context: Context, today: string): Promise<Connection<FundingOpportunity>> {
  const [carrier] = query.territoryIds;
  const audience = carrier ? audienceOf(carrier) : null;
  if (!carrier || !audience) return EMPTY;
  const territoryIds = [...new Set(query.territoryIds)].filter((id, index) => index === 0 || id.startsWith("COMMUNE:"));
  const perimeters = await context.loaders.perimeter.loadMany(territoryIds);
  const firstError = perimeters.find((p): p is Error => p instanceof Error);
  if (firstError) throw firstError;
  const searched = territoryIds.flatMap((territoryId, index) => (perimeters[index] === null ? [] : [{ territoryId, perimeterId: perimeters[index] as number }]));
  if (searched.length === 0) return EMPTY;
  const results = await context.loaders.aidSearch.loadMany(searched.map((s) => searchCriteria(s.perimeterId, audience, query.themes, query.phase)));
  const failure = results.find((r): r is Error => r instanceof Error);
  if (failure) throw failure instanceof GraphQLError ? failure : new GraphQLError(failure.message);
  const seen = new Map<number, { match: AidMatch; coverage: Coverage; served: Served<AtAidResult> }>();
  const criteria = { audience, themes: query.themes, phase: query.phase, kind: query.kind, today };
  results.forEach((result, index) => {
    if (result instanceof Error) return;
    const coverage: Coverage = index === 0 ? { carrier: audience } : { commune: communeName(searched[index].territoryId) };
    for (const served of result.aids) {
      if (seen.has(served.value.id)) continue;
      const match = matchAid(served.value, criteria);
      if (match) seen.set(served.value.id, { match, coverage, served: { ...served, stale: served.stale || result.stale } });
    }
  });
  const ranked = rankAids([...seen.values()], query.phase);
  const slice = ranked.slice(page.offset, page.offset + page.first);
  const edges = slice.map((r, index) => {
    const entry = seen.get(r.aid.id);
    if (!entry) throw new Error(`Ranked aid ${r.aid.id} is not among the matched ones`);
    return { cursor: encodeCursor(page.offset + index), node: toOpportunity(entry.served, context.aidesTerritoires, r) };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.offset + edges.length < ranked.length,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // Every matching aid is ranked to cut the page: the count costs nothing more.
    totalCount: ranked.length,
  };
}

let communeNames: Map<string, string> | null = null;

/** A current commune's name from its territory id (a map built once: the list has 35,000 communes). */
function communeName(territoryId: string): string {
  communeNames ??= new Map(
    loadCog()
      .communes.filter((c) => c.type === "commune-actuelle")
      .map((c) => [c.code, c.nom]),
  );
  const code = territoryId.slice("COMMUNE:".length);
  return communeNames.get(code) ?? code;
}

/** Today as YYYY-MM-DD in France (deadlines are French calendar days). */
export function todayInFrance(now = new Date()): string {
  return FRENCH_DAY.format(now);
}

/** Built once: constructing an Intl.DateTimeFormat costs more than a millisecond. */
const FRENCH_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });
