import { signJwt, verifyJwt } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import express from "express";
import { createHash, randomBytes } from "node:crypto";
import { buildAids, containment, loadPerimeters, perimeterNumber, type AtAid, type AtPerimeter } from "./aides-territoires.data";
import { emptyStats, FaultInjector, isFaultPlan, type FaultPlan, type StandInStats } from "./faults";

/**
 * A local stand-in for the Aides-Territoires API (this machine cannot reach the real one). It
 * speaks the real API's shapes (EXTERNAL-APIS.md §1): X-AUTH-TOKEN → JWT at /api/connexion/,
 * Bearer JWT on data routes, the count/previous/next/results envelope, `itemsPerPage` ≤ 100,
 * repeatable filters, RFC 7807 404s. Data: the real 2023 perimeters, generated demo aids.
 * For tests and the bench it also answers If-None-Match with 304 (a strong ETag on every JSON
 * answer), counts what it serves and injects faults; the same controls are served over HTTP
 * under /__stand-in/ (GET stats, POST stats/reset, POST faults with a FaultPlan, DELETE faults).
 */
export interface StandInOptions {
  /** The API key (X-AUTH-TOKEN) it accepts. */
  apiKey: string;
  /** JWT lifetime in seconds (the real API: 86,400). */
  tokenTtlSeconds?: number;
  /** The day deadlines are counted from (YYYY-MM-DD; default: today, UTC). */
  today?: string;
}

export interface StandIn {
  app: express.Express;
  stats: StandInStats;
  /** Invalidates every JWT issued so far, as their expiry would. */
  revokeTokens(): void;
  /** Serves a fault (see FaultPlan) instead of the next answers. */
  inject(plan: FaultPlan): void;
  clearFaults(): void;
  resetStats(): void;
  /** Renames an aid, as an edit on the platform would (its ETag changes). */
  renameAid(id: number, name: string): void;
}

export function createAidesTerritoiresStandIn(options: StandInOptions): StandIn {
  let secret = randomBytes(32).toString("hex");
  const perimeters = loadPerimeters();
  const perimeterById = new Map(perimeters.map((p) => [perimeterNumber(p), p]));
  const containers = containment(perimeters);
  const aids = buildAids(perimeters, options.today ?? new Date().toISOString().slice(0, 10));
  const stats = emptyStats();
  const faults = new FaultInjector(stats);
  const app = express();
  app.disable("x-powered-by");
  app.set("json escape", false);
  // Strong validators over the exact body, so If-None-Match gets a 304 when nothing changed.
  app.set("etag", (body: Buffer | string) => `"${createHash("sha1").update(body).digest("base64url")}"`);

  app.get("/__stand-in/stats", (_request, response) => void response.json(stats));
  app.post("/__stand-in/stats/reset", (_request, response) => {
    Object.assign(stats, emptyStats());
    response.status(204).end();
  });
  app.post("/__stand-in/faults", express.json(), (request, response) => {
    if (!isFaultPlan(request.body)) return void response.status(400).json({ error: "expected { fault: { kind, ... }, times?, includeLogin? }" });
    faults.inject(request.body);
    response.status(204).end();
  });
  app.delete("/__stand-in/faults", (_request, response) => {
    faults.clear();
    response.status(204).end();
  });

  app.all("/api/connexion/", async (request, response) => {
    if (await faults.serve(request, response, true)) return;
    if (request.method !== "POST") return void response.status(405).json("Cette page doit être appellée en POST");
    const key = request.header("x-auth-token");
    if (!key) return void response.status(401).json("Veuillez ajouter votre X-AUTH-TOKEN dans les HEADERS");
    if (key !== options.apiKey) return void response.status(401).json({ message: "User not found" });
    stats.logins += 1;
    response.json({ token: signJwt({ username: "hub" }, secret, "aides-territoires", options.tokenTtlSeconds ?? 86_400) });
  });

  // Every other /api route needs the Bearer JWT.
  app.use("/api", async (request, response, next) => {
    stats.dataRequests += 1;
    if (await faults.serve(request, response, false)) return;
    const header = request.header("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : null;
    if (!token) return void response.status(401).json({ code: 401, message: "JWT Token not found" });
    if (!verifyJwt(token, secret, "aides-territoires")) return void response.status(401).json({ code: 401, message: "Expired JWT Token" });
    // fetch adds Cache-Control: no-cache to conditional requests; like Symfony's
    // Response::isNotModified, the stand-in answers If-None-Match regardless.
    delete request.headers["cache-control"];
    delete request.headers.pragma;
    response.on("finish", () => {
      if (response.statusCode === 304) stats.notModified += 1;
    });
    next();
  });

  app.get("/api/themes/", (request, response) => {
    const results = loadThemes();
    response.json(envelope(request, results, 1, 50, results.length));
  });

  app.get("/api/perimeters/", (request, response) => {
    stats.perimeterLookups += 1;
    const insees = list(request.query.insees);
    const zipcodes = list(request.query.zipcodes);
    const scale = single(request.query.scale);
    const q = single(request.query.q)?.toLowerCase();
    const scaleName = scale ? SCALES[scale] : undefined;
    const found = perimeters.filter(
      (p) =>
        (insees.length === 0 || insees.includes(p.code)) &&
        (zipcodes.length === 0 || p.zipcodes.some((z) => zipcodes.includes(z))) &&
        (!scaleName || p.scale === scaleName) &&
        (!q || p.name.toLowerCase().includes(q)),
    );
    const { page, size } = paging(request);
    response.json(envelope(request, found.slice((page - 1) * size, page * size), page, size, found.length));
  });

  app.get("/api/perimeters/:id/", (request, response) => {
    const perimeter = perimeterById.get(parseInt(request.params.id, 10));
    if (!perimeter) return void response.status(404).json({ type: "about:blank", title: "Not Found", status: 404, detail: "Périmètre non trouvé" });
    response.json(perimeter);
  });

  app.get("/api/aids/", (request, response) => {
    stats.aidSearches += 1;
    const perimeterParam = single(request.query.perimeter_id) ?? single(request.query.perimeter);
    const perimeterId = perimeterParam ? parseInt(perimeterParam, 10) : NaN;
    const within = Number.isNaN(perimeterId) ? null : new Set(containers.get(perimeterId) ?? [perimeterId]);
    const categories = [...list(request.query.category_slugs), ...list(request.query.categories)].map(hyphens);
    const audiences = [...list(request.query.organization_type_slugs), ...list(request.query.targeted_audiences)].map(hyphens);
    const group = single(request.query.aid_type_group_slug) ?? single(request.query.aidTypeGroup);
    const steps = [...list(request.query.aid_step_slugs), ...list(request.query.mobilization_step)].map(hyphens);
    const destinations = [...list(request.query.aid_destination_slugs), ...list(request.query.destinations)].map(hyphens);
    const applyBefore = single(request.query.apply_before);
    const callsOnly = single(request.query.call_for_projects_only) === "true";
    const found = aids.filter(
      (aid) =>
        (!within || within.has(aid.perimeterId)) &&
        (categories.length === 0 || aid.categorySlugs.some((c) => categories.includes(c))) &&
        (audiences.length === 0 || aid.audienceSlugs.some((a) => audiences.includes(a))) &&
        (steps.length === 0 || aid.stepSlugs.some((s) => steps.includes(s))) &&
        (destinations.length === 0 || aid.destinationSlugs.some((d) => destinations.includes(d))) &&
        (!applyBefore || (aid.submission_deadline !== null && aid.submission_deadline < applyBefore)) &&
        (!callsOnly || aid.is_call_for_project === true) &&
        (!group || aid.groupSlug === hyphens(group)),
    );
    const { page, size } = paging(request);
    response.json(envelope(request, found.slice((page - 1) * size, page * size).map(publicAid), page, size, found.length));
  });

  app.get("/api/aids/by-id/:id/", (request, response) => {
    stats.aidLookups += 1;
    const aid = aids.find((a) => String(a.id) === request.params.id || a.slug === request.params.id);
    if (!aid) return void response.status(404).json({ type: "about:blank", title: "Not Found", status: 404, detail: "Cette aide n'existe pas" });
    response.json(publicAid(aid));
  });

  return {
    app,
    stats,
    revokeTokens: () => {
      secret = randomBytes(32).toString("hex");
    },
    inject: (plan) => faults.inject(plan),
    clearFaults: () => faults.clear(),
    resetStats: () => Object.assign(stats, emptyStats()),
    renameAid: (id, name) => {
      const aid = aids.find((a) => a.id === id);
      if (aid) aid.name = name;
    },
  };
}

const SCALES: Record<string, string> = { commune: "Commune", epci: "EPCI", department: "Département", region: "Région", country: "Pays", continent: "Continent" };

function publicAid(aid: AtAid): Record<string, unknown> {
  const { perimeterId: _p, categorySlugs: _c, audienceSlugs: _a, groupSlug: _g, stepSlugs: _s, destinationSlugs: _d, ...rest } = aid;
  return rest;
}

/** Underscores in filter values become hyphens, as in the real API. */
const hyphens = (value: string) => value.replace(/_/g, "-");

/** A repeatable query parameter: `a=1&a=2`, `a[]=1` or `a[0]=1`. */
function list(value: unknown): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : typeof value === "object" && value !== null ? Object.values(value) : [value];
  return values.map(String).filter((v) => v !== "");
}

function single(value: unknown): string | undefined {
  return list(value)[0];
}

function paging(request: express.Request): { page: number; size: number } {
  const page = Math.max(1, parseInt(single(request.query.page) ?? "1", 10) || 1);
  const raw = single(request.query.size) ?? single(request.query.itemsPerPage);
  const size = Math.min(100, Math.max(1, parseInt(raw ?? "50", 10) || 50));
  return { page, size };
}

function envelope(request: express.Request, results: unknown[], page: number, size: number, count: number) {
  const link = (target: number) => {
    const url = new URL(`${request.protocol}://${request.get("host")}${request.originalUrl}`);
    url.searchParams.set("page", String(target));
    return url.toString();
  };
  return { count, previous: page > 1 ? link(page - 1) : null, next: page * size < count ? link(page + 1) : null, results };
}

export type { AtPerimeter, FaultPlan, StandInStats };
