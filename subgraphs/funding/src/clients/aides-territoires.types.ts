/** The `/api/aids/` result fields the hub reads (docs/external-apis.md, Aides-Territoires). */
export interface AtAidResult {
  id: number;
  slug: string;
  url: string;
  name: string;
  financers: string[];
  instructors: string[];
  programs: string[];
  description: string;
  eligibility: string | null;
  categories: string[];
  perimeter: string | null;
  perimeter_scale: string | null;
  mobilization_steps: string[];
  targeted_audiences: string[];
  aid_types: string[];
  aid_types_full: { id: number; name: string; group: { id: number; name: string } }[];
  destinations: string[];
  is_call_for_project: boolean | null;
  application_url: string | null;
  origin_url: string | null;
  submission_deadline: string | null;
  subvention_rate_lower_bound: number | null;
  subvention_rate_upper_bound: number | null;
  subvention_comment: string | null;
  contact: string | null;
  date_updated: string | null;
}

export interface AtPage<T> {
  count: number;
  previous: string | null;
  next: string | null;
  results: T[];
}

/** What a conditional GET returns: the body and its validator, or "not modified" (304). */
export type Conditional<T> = { notModified: false; body: T; etag: string | null } | { notModified: true };

/** The search criteria the hub sends to `/api/aids/` (slugs as the API takes them). */
export interface AidSearchCriteria {
  perimeterId: number;
  /** organization_type_slugs: the carrier's kind (commune, epci, department, region). */
  audience: string;
  /** category_slugs (empty: any category). */
  categorySlugs: string[];
  /** aid_step_slugs (empty: any step). */
  stepSlugs: string[];
}

/**
 * An aid as received, with every list and text made safe: the API's aids sometimes lack a
 * field or carry null where a list is documented. Returns null when the id or name is missing.
 */
export function normaliseAid(raw: unknown): AtAidResult | null {
  if (typeof raw !== "object" || raw === null) return null;
  const aid = raw as Record<string, unknown>;
  if (typeof aid.id !== "number" || typeof aid.name !== "string" || aid.name.trim() === "") return null;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
  const int = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? Math.round(value) : null);
  const types = Array.isArray(aid.aid_types_full)
    ? aid.aid_types_full.filter((t): t is AtAidResult["aid_types_full"][number] => typeof t === "object" && t !== null && typeof (t as { group?: { name?: unknown } }).group?.name === "string")
    : [];
  const date = (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  return {
    id: aid.id,
    slug: text(aid.slug) ?? String(aid.id),
    url: text(aid.url) ?? `/aides/${String(aid.id)}/`,
    name: aid.name,
    financers: strings(aid.financers),
    instructors: strings(aid.instructors),
    programs: strings(aid.programs),
    description: text(aid.description) ?? "",
    eligibility: text(aid.eligibility),
    categories: strings(aid.categories),
    perimeter: text(aid.perimeter),
    perimeter_scale: text(aid.perimeter_scale),
    mobilization_steps: strings(aid.mobilization_steps),
    targeted_audiences: strings(aid.targeted_audiences),
    aid_types: strings(aid.aid_types),
    aid_types_full: types,
    destinations: strings(aid.destinations),
    is_call_for_project: typeof aid.is_call_for_project === "boolean" ? aid.is_call_for_project : null,
    application_url: text(aid.application_url),
    origin_url: text(aid.origin_url),
    submission_deadline: date(aid.submission_deadline),
    subvention_rate_lower_bound: int(aid.subvention_rate_lower_bound),
    subvention_rate_upper_bound: int(aid.subvention_rate_upper_bound),
    subvention_comment: text(aid.subvention_comment),
    contact: text(aid.contact),
    date_updated: text(aid.date_updated),
  };
}
