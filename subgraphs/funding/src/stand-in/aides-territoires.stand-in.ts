import { signJwt, verifyJwt } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import express from "express";
import { randomBytes } from "node:crypto";
import { buildAids, containment, loadPerimeters, perimeterNumber, type AtAid, type AtPerimeter } from "./aides-territoires.data";

/**
 * A local stand-in for the Aides-Territoires API (this machine cannot reach the real one). It
 * speaks the real API's shapes (EXTERNAL-APIS.md §1): X-AUTH-TOKEN → JWT at /api/connexion/,
 * Bearer JWT on data routes, the count/previous/next/results envelope, `itemsPerPage` ≤ 100,
 * repeatable filters, RFC 7807 404s. Data: the real 2023 perimeters, generated aids.
 */
export interface StandInOptions {
  /** The API key (X-AUTH-TOKEN) it accepts. */
  apiKey: string;
  /** JWT lifetime in seconds (the real API: 86,400). */
  tokenTtlSeconds?: number;
}

export interface StandInStats {
  logins: number;
  dataRequests: number;
}

export interface StandIn {
  app: express.Express;
  stats: StandInStats;
  /** Invalidates every JWT issued so far, as their expiry would. */
  revokeTokens(): void;
}

export function createAidesTerritoiresStandIn(options: StandInOptions): StandIn {
  let secret = randomBytes(32).toString("hex");
  const perimeters = loadPerimeters();
  const perimeterById = new Map(perimeters.map((p) => [perimeterNumber(p), p]));
  const containers = containment(perimeters);
  const aids = buildAids(perimeters);
  const stats: StandInStats = { logins: 0, dataRequests: 0 };
  const app = express();
  app.disable("x-powered-by");
  app.set("json escape", false);

  app.all("/api/connexion/", (request, response) => {
    if (request.method !== "POST") return void response.status(405).json("Cette page doit être appellée en POST");
    const key = request.header("x-auth-token");
    if (!key) return void response.status(401).json("Veuillez ajouter votre X-AUTH-TOKEN dans les HEADERS");
    if (key !== options.apiKey) return void response.status(401).json({ message: "User not found" });
    stats.logins += 1;
    response.json({ token: signJwt({ username: "hub" }, secret, "aides-territoires", options.tokenTtlSeconds ?? 86_400) });
  });

  // Every other /api route needs the Bearer JWT.
  app.use("/api", (request, response, next) => {
    const header = request.header("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : null;
    if (!token) return void response.status(401).json({ code: 401, message: "JWT Token not found" });
    if (!verifyJwt(token, secret, "aides-territoires")) return void response.status(401).json({ code: 401, message: "Expired JWT Token" });
    stats.dataRequests += 1;
    next();
  });

  app.get("/api/themes/", (request, response) => {
    const results = loadThemes();
    response.json(envelope(request, results, 1, 50, results.length));
  });

  app.get("/api/perimeters/", (request, response) => {
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
    const perimeterParam = single(request.query.perimeter_id) ?? single(request.query.perimeter);
    const perimeterId = perimeterParam ? parseInt(perimeterParam, 10) : NaN;
    const within = Number.isNaN(perimeterId) ? null : new Set(containers.get(perimeterId) ?? [perimeterId]);
    const categories = [...list(request.query.category_slugs), ...list(request.query.categories)].map(hyphens);
    const audiences = [...list(request.query.organization_type_slugs), ...list(request.query.targeted_audiences)].map(hyphens);
    const group = single(request.query.aid_type_group_slug);
    const found = aids.filter(
      (aid) =>
        (!within || within.has(aid.perimeterId)) &&
        (categories.length === 0 || aid.categorySlugs.some((c) => categories.includes(c))) &&
        (audiences.length === 0 || aid.audienceSlugs.some((a) => audiences.includes(a))) &&
        (!group || aid.groupSlug === hyphens(group)),
    );
    const { page, size } = paging(request);
    response.json(envelope(request, found.slice((page - 1) * size, page * size).map(publicAid), page, size, found.length));
  });

  app.get("/api/aids/by-id/:id/", (request, response) => {
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
  };
}

const SCALES: Record<string, string> = { commune: "Commune", epci: "EPCI", department: "Département", region: "Région", country: "Pays", continent: "Continent" };

function publicAid(aid: AtAid): Record<string, unknown> {
  const { perimeterId: _p, categorySlugs: _c, audienceSlugs: _a, groupSlug: _g, ...rest } = aid;
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

export type { AtPerimeter };
