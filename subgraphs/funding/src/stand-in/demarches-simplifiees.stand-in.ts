import express from "express";
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadProcedures } from "../lib/procedures.config";
import { acceptedValue, DossierStore, typedId, type StandInDemarche, type StandInDossier } from "./demarches-simplifiees.state";

/**
 * A local stand-in for Démarches Simplifiées (this machine cannot reach it), speaking its shapes
 * (docs/external-apis.md): the public prefill API (POST and GET by prefill token, exact
 * envelopes and errors) and the GraphQL API v2, which executes the operations it receives
 * against DS's real schema (data/demarches-simplifiees.schema.graphql). Tests move dossiers
 * through their states, inject faults and count calls.
 */
export interface DsStandInOptions {
  /** The démarches served (default: those of data/procedures.json, each with path "<key in kebab case>"). */
  demarches?: StandInDemarche[];
  /** API v2 tokens accepted, each with the démarche numbers it may read (an expired one answers 401 "Token expired"). */
  apiTokens?: Record<string, number[]>;
}

export type DsRoute = "prefill" | "read" | "graphql";

/** A scripted answer for the next call of a route: a status, a raw body, headers, a delay. */
export interface DsFault {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answers after this long (beyond the client's timeout: a timeout). */
  delayMs?: number;
}

export interface DsStandIn {
  app: express.Express;
  store: DossierStore;
  /** Calls received, by route (faults included). */
  stats: Record<DsRoute, number>;
  /** The next call(s) of `route` get these answers, in order, instead of the real one. */
  failNext(route: DsRoute, ...faults: DsFault[]): void;
  /** The token now answers 401 "Token expired". */
  expireToken(token: string): void;
}

let dsSchema: GraphQLSchema | null = null;

/** DS's real API v2 schema, verbatim. */
export function demarchesSimplifieesSchema(): GraphQLSchema {
  dsSchema ??= buildSchema(readFileSync(join(__dirname, "..", "..", "data", "demarches-simplifiees.schema.graphql"), "utf8"));
  return dsSchema;
}

export function defaultDemarches(): StandInDemarche[] {
  return loadProcedures().map((p) => ({
    number: p.demarcheNumber,
    path: p.key.toLowerCase().replace(/_/g, "-"),
    title: p.name,
    champs: p.champs.map((c) => ({ id: c.id, label: c.label, type: c.type })),
    requestedChampId: p.amounts.requestedChampId,
    grantedAnnotationId: p.amounts.grantedAnnotationId,
  }));
}

export function createDemarchesSimplifieesStandIn(options: DsStandInOptions = {}): DsStandIn {
  const store = new DossierStore(options.demarches ?? defaultDemarches());
  const tokens = new Map(Object.entries(options.apiTokens ?? {}));
  const expired = new Set<string>();
  const stats: Record<DsRoute, number> = { prefill: 0, read: 0, graphql: 0 };
  const faults: Record<DsRoute, DsFault[]> = { prefill: [], read: [], graphql: [] };
  const app = express();
  app.disable("x-powered-by");

  // Counts the call and plays a scripted fault if one is queued.
  const route =
    (name: DsRoute): express.RequestHandler =>
    (_request, response, next) => {
      stats[name] += 1;
      const fault = faults[name].shift();
      if (!fault) {
        next();
        return;
      }
      setTimeout(() => {
        if (response.destroyed) return;
        response.status(fault.status ?? 500).set(fault.headers ?? {});
        response.send(fault.body ?? "");
      }, fault.delayMs ?? 0);
    };

  app.post("/api/public/v1/demarches/:number/dossiers", route("prefill"), express.text({ type: "*/*", limit: "1mb" }), (request, response) => {
    // DS compares the header as a string: "application/json; charset=utf-8" is refused too.
    if (request.header("content-type") !== "application/json") return void response.status(400).json({ error: "Content-Type should be json" });
    const demarche = store.demarche(Number(request.params.number));
    if (!demarche || demarche.closed) return void response.status(404).json({ error: `procedure ${param(request.params.number)} is not found` });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(String(request.body || "{}")) as Record<string, unknown>;
    } catch {
      return void response.status(400).json({ error: "unexpected token in JSON" });
    }
    const champs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      const champ = key.startsWith("champ_") ? demarche.champs.find((c) => c.id.replace(/=+$/, "") === key.slice(6)) : undefined;
      const kept = champ ? acceptedValue(champ.type, value) : undefined;
      if (champ && kept !== undefined) {
        if (demarche.maxAmount !== undefined && champ.type === "decimal_number" && (kept as number) > demarche.maxAmount) {
          return void response.status(400).json({ error: `Le champ « ${champ.label} » doit être inférieur ou égal à ${demarche.maxAmount}` });
        }
        champs[champ.id] = kept;
      }
    }
    const dossier = store.create(demarche, champs);
    response.status(201).json({
      dossier_url: urlOf(request, demarche, dossier),
      state: "prefilled",
      dossier_id: typedId("Dossier", dossier.number),
      dossier_number: dossier.number,
      dossier_prefill_token: dossier.prefillToken,
    });
  });

  app.get("/api/public/v1/demarches/:number/dossiers", route("read"), (request, response) => {
    const demarche = store.demarche(Number(request.params.number));
    if (!demarche) return void response.status(404).json({ error: `procedure ${param(request.params.number)} is not found` });
    const raw = request.query.prefill_token;
    const tokens = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(",") : [];
    const asked = new Set(tokens.filter((token): token is string => typeof token === "string" && token !== ""));
    const found = [...store.dossiers.values()].filter((d) => d.demarche === demarche.number && asked.has(d.prefillToken));
    response.json(found.map((d) => publicView(request, demarche, d)));
  });

  app.post("/api/v2/graphql", route("graphql"), express.json({ limit: "1mb" }), (request, response) => {
    const auth = request.header("authorization") ?? "";
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token) return void response.status(403).json({ errors: [{ message: "Without a token, only persisted queries are allowed", extensions: { code: "forbidden" } }], data: null });
    if (expired.has(token)) return void response.status(401).json({ errors: [{ message: "Token expired", extensions: { code: "unauthorized" } }], data: null });
    const allowed = tokens.get(token);
    if (!allowed) return void response.status(401).json({ errors: [{ message: "Unauthorized", extensions: { code: "unauthorized" } }], data: null });
    const { query, variables } = (request.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
    let document: DocumentNode;
    try {
      document = parse(typeof query === "string" ? query : "");
    } catch (error) {
      return void response.json({ errors: [{ message: (error as Error).message, extensions: { code: "graphql_parse_failed" } }], data: null });
    }
    const invalid = validate(demarchesSimplifieesSchema(), document);
    if (invalid.length > 0) return void response.json({ errors: invalid.map((e) => ({ message: e.message })) });
    const result = execute({ schema: demarchesSimplifieesSchema(), document, variableValues: variables, rootValue: rootOf(store, allowed) }) as {
      data?: unknown;
      errors?: readonly { message: string; path?: readonly (string | number)[] }[];
    };
    response.json({
      data: result.data ?? null,
      ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: { code: e.message.includes("hidden") ? "unauthorized" : "not_found" } })) } : {}),
    });
  });

  return {
    app,
    store,
    stats,
    failNext: (name, ...list) => void faults[name].push(...list),
    expireToken: (token) => void expired.add(token),
  };
}

/** A route parameter as written in the URL (Express gives a wildcard's segments as an array). */
const param = (value: string | string[]) => (Array.isArray(value) ? value.join("/") : value);

function urlOf(request: express.Request, demarche: StandInDemarche, dossier: StandInDossier): string {
  return `${request.protocol}://${request.get("host")}/commencer/${demarche.path}?prefill_token=${dossier.prefillToken}`;
}

function publicView(request: express.Request, demarche: StandInDemarche, d: StandInDossier) {
  const ids = { dossier_id: typedId("Dossier", d.number), dossier_number: d.number, dossier_prefill_token: d.prefillToken };
  if (d.state === "prefilled") return { dossier_url: urlOf(request, demarche, d), state: d.state, ...ids };
  return { state: d.state, ...(d.submittedAt ? { submitted_at: d.submittedAt.toISOString() } : {}), ...(d.processedAt ? { processed_at: d.processedAt.toISOString() } : {}), ...ids };
}

/** Root resolvers over the store: `demarche(number)` with its `dossiers(updatedSince, after, first)`, as the API v2 pages them. */
function rootOf(store: DossierStore, allowed: number[]) {
  return {
    demarche: ({ number }: { number: number }) => {
      const demarche = store.demarche(number);
      if (!demarche) throw new Error("Demarche not found");
      if (!allowed.includes(number)) throw new Error("An object of type Demarche was hidden due to permissions");
      return {
        id: typedId("Procedure", number),
        number,
        title: demarche.title,
        dossiers: (args: { updatedSince?: string; after?: string; first?: number }) => {
          const since = args.updatedSince ? Date.parse(args.updatedSince) : -Infinity;
          // Brouillons (and orphan prefilled dossiers) are never visible to the administration.
          const visible = [...store.dossiers.values()]
            .filter((d) => d.demarche === number && d.state !== "prefilled" && d.state !== "brouillon" && d.updatedAt.getTime() >= since)
            .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.number - b.number);
          const start = args.after ? Number(Buffer.from(args.after, "base64").toString("utf8")) : 0;
          const size = Math.min(args.first ?? 100, 100);
          const page = visible.slice(start, start + size);
          const end = start + page.length;
          return {
            nodes: page.map((d) => dossierView(demarche, d)),
            pageInfo: {
              hasNextPage: end < visible.length,
              hasPreviousPage: start > 0,
              startCursor: page.length ? Buffer.from(String(start)).toString("base64") : null,
              endCursor: page.length ? Buffer.from(String(end)).toString("base64") : null,
            },
          };
        },
      };
    },
  };
}

function amountChamp(id: string | null, label: string, amount: number | null, updatedAt: Date) {
  if (!id) return [];
  return [
    {
      __typename: "DecimalNumberChamp",
      id: `${id}-${label}`,
      champDescriptorId: id,
      label,
      stringValue: amount === null ? null : String(amount),
      value: amount,
      prefilled: false,
      updatedAt: updatedAt.toISOString(),
      columns: [],
    },
  ];
}

function dossierView(demarche: StandInDemarche, d: StandInDossier) {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  const texts = demarche.champs.map((c) => ({
    __typename: "TextChamp",
    id: typedId("Champ", c.id),
    champDescriptorId: c.id,
    label: c.label,
    stringValue: d.champs[c.id] === undefined ? null : String(d.champs[c.id]),
    value: null,
    prefilled: d.champs[c.id] !== undefined,
    updatedAt: iso(d.createdAt),
    columns: [],
  }));
  return {
    id: typedId("Dossier", d.number),
    number: d.number,
    state: d.state,
    prefilled: true,
    dateDepot: iso(d.submittedAt ?? d.createdAt),
    datePassageEnConstruction: iso(d.submittedAt ?? d.createdAt),
    dateTraitement: iso(d.processedAt),
    dateDerniereModification: iso(d.updatedAt),
    champs: [...texts, ...amountChamp(demarche.requestedChampId, "Montant sollicité", d.amountRequested, d.updatedAt)],
    annotations: amountChamp(demarche.grantedAnnotationId, "Montant accordé", d.amountGranted, d.updatedAt),
  };
}
