import { listen, type RunningServer } from "@hub/kit";
import { GraphQLError } from "graphql";
import { AidesTerritoiresClient, type AidSearchCriteria } from "../src/clients/aides-territoires.client";
import { createAidesTerritoiresStandIn, type StandIn } from "../src/stand-in";

/** The keys of an aid in `/api/aids/` results, as documented (EXTERNAL-APIS.md §1.5). */
const AID_KEYS = `id slug url name name_initial short_title financers financers_full instructors instructors_full programs
  description eligibility perimeter perimeter_scale mobilization_steps origin_url categories is_call_for_project
  application_url targeted_audiences aid_types aid_types_full is_charged destinations start_date predeposit_date
  submission_deadline subvention_rate_lower_bound subvention_rate_upper_bound subvention_comment loan_amount
  recoverable_advance_amount contact recurrence project_examples import_data_url import_data_mention
  import_share_licence date_created date_updated project_references european_aid is_live`
  .split(/\s+/)
  .sort();

const KEY = "key-for-tests";
const CLERMONT: AidSearchCriteria = { perimeterId: 95861, audience: "commune", categorySlugs: [], stepSlugs: [] };
const WATER: AidSearchCriteria = { ...CLERMONT, categorySlugs: ["eau-potable"] };
const body = <T>(answer: { notModified: boolean; body?: T }): T => {
  if (answer.notModified) throw new Error("unexpected 304");
  return answer.body as T;
};

describe("Aides-Territoires client against the stand-in", () => {
  let standIn: StandIn;
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    standIn = createAidesTerritoiresStandIn({ apiKey: KEY });
    server = await listen({ app: standIn.app, close: async () => {} }, 0, "127.0.0.1", "/api/");
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.stop());

  it("speaks the API's shapes: login, envelope, aid keys, perimeter items", async () => {
    expect((await fetch(`${base}/api/connexion/`, { method: "POST" })).status).toBe(401);
    expect(await (await fetch(`${base}/api/connexion/`, { method: "POST", headers: { "x-auth-token": "wrong" } })).json()).toEqual({ message: "User not found" });
    expect((await fetch(`${base}/api/connexion/`)).status).toBe(405);
    expect((await fetch(`${base}/api/aids/`)).status).toBe(401);
    const { token } = (await (await fetch(`${base}/api/connexion/`, { method: "POST", headers: { "x-auth-token": KEY } })).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const page = (await (await fetch(`${base}/api/aids/?perimeter_id=95861-clermont-ferrand&itemsPerPage=2&page=1`, { headers: auth })).json()) as Record<string, unknown> & {
      results: Record<string, unknown>[];
    };
    expect(Object.keys(page).sort()).toEqual(["count", "next", "previous", "results"]);
    expect(page.previous).toBeNull();
    expect(page.next).toMatch(/page=2/);
    expect(page.results).toHaveLength(2);
    expect(Object.keys(page.results[0]).sort()).toEqual(AID_KEYS);
    const perimeters = (await (await fetch(`${base}/api/perimeters/?insees=63113&scale=commune`, { headers: auth })).json()) as { results: unknown[] };
    expect(perimeters.results).toEqual([
      { id: "95861-clermont-ferrand", text: "Clermont-Ferrand (Commune\u00a0–\u00a063100, 63000)", name: "Clermont-Ferrand", scale: "Commune", zipcodes: ["63100", "63000"], code: "63113" },
    ]);
    const missing = await fetch(`${base}/api/aids/by-id/1/`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ type: "about:blank", title: "Not Found", status: 404, detail: "Cette aide n'existe pas" });
  });

  it("logs in once, reuses the JWT, and logs in again once after a 401", async () => {
    const client = new AidesTerritoiresClient({ baseUrl: base, apiKey: KEY });
    const before = standIn.stats.logins;
    const perimeters = await client.communePerimeters(["63113", "75056", "99999"]);
    expect(Object.fromEntries(perimeters)).toEqual({ "63113": 95861, "75056": expect.any(Number) as unknown });
    const search = body(await client.searchAids(WATER, 1));
    expect(search.count).toBeGreaterThan(0);
    expect(standIn.stats.logins - before).toBe(1);
    standIn.revokeTokens();
    // The same answer, after one new login.
    expect(body(await client.searchAids(WATER, 1))).toEqual(search);
    expect(standIn.stats.logins - before).toBe(2);
  });

  it("finds aids that apply where the commune is, never those of other régions", async () => {
    const client = new AidesTerritoiresClient({ baseUrl: base, apiKey: KEY });
    const page = body(await client.searchAids(CLERMONT, 1));
    expect(page.count).toBeLessThanOrEqual(100);
    const perimeters = new Set(page.results.map((aid) => aid.perimeter));
    expect([...perimeters].sort()).toEqual(["Auvergne-Rhône-Alpes", "Clermont Auvergne Métropole", "Europe", "France", "Puy-de-Dôme"]);
  });

  it.each([
    ["an unreachable API", () => new AidesTerritoiresClient({ baseUrl: "http://127.0.0.1:1", apiKey: KEY, backoffMs: 1 })],
    ["a refused API key", () => new AidesTerritoiresClient({ baseUrl: base, apiKey: "revoked" })],
  ])("turns %s into UPSTREAM_UNAVAILABLE", async (_label, make) => {
    const error = await make()
      .searchAids(CLERMONT, 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("UPSTREAM_UNAVAILABLE");
  });
});
