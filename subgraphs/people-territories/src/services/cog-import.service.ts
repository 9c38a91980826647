import { createHash } from "node:crypto";
import { cogPackageVersion, loadCog } from "@hub/reference";
import { syncTable, type BulkResult, type Queryable } from "../lib/sync-table";
import type { DataSource } from "typeorm";
import { normalizeName, ofDepartement } from "../lib/names";

type Row = Record<string, unknown>;

export interface ImportReport {
  milliseconds: number;
  territories: BulkResult & { total: number };
  links: BulkResult & { total: number };
  organizations: BulkResult & { total: number };
  /** Rows per territory kind. */
  byKind: Record<string, number>;
}

const TERRITORY_COLUMNS = {
  id: "text",
  kind: "text",
  code: "text",
  name: "text",
  population: "integer",
  siren: "text",
  postal_codes: "text[]",
  departement_code: "text",
  region_code: "text",
  arrondissement_code: "text",
  search_name: "text",
};

/** Départements whose DDT is a DDTM (direction départementale des territoires et de la mer). */
const COASTAL = new Set(["06", "11", "13", "14", "17", "22", "27", "29", "2A", "2B", "30", "33", "34", "35", "40", "44", "50", "56", "59", "62", "64", "66", "76", "80", "83", "85"]);

/** National operators that can be associated with projects. */
const OPERATORS: [string, string][] = [
  ["ADEME", "Agence de la transition écologique (ADEME)"],
  ["ANRU", "Agence nationale pour la rénovation urbaine (ANRU)"],
  ["ANAH", "Agence nationale de l'habitat (Anah)"],
  ["CEREMA", "Cerema"],
  ["BANQUE_DES_TERRITOIRES", "Banque des Territoires"],
];
const LINK_COLUMNS = { parent_id: "text", child_id: "text" };
const ORGANIZATION_COLUMNS = { id: "text", kind: "text", name: "text", siret: "text", territory_id: "text" };

/** Builds every territory, membership and territorial organisation from the reference data. */
export function buildMap(): { territories: Row[]; links: Row[]; organizations: Row[] } {
  const cog = loadCog();
  const territories: Row[] = [];
  const links: Row[] = [];
  const organizations: Row[] = [];
  const territory = (kind: string, code: string, name: string, extra: Row = {}) => {
    const row = {
      id: `${kind}:${code}`,
      kind,
      code,
      name,
      population: null,
      siren: null,
      postal_codes: [],
      departement_code: null,
      region_code: null,
      arrondissement_code: null,
      search_name: normalizeName(name),
      ...extra,
    };
    territories.push(row);
    return row.id;
  };
  const organization = (id: string, kind: string, name: string, territoryId: string | null, siret: string | null = null) => {
    organizations.push({ id, kind, name, siret, territory_id: territoryId });
  };

  const communes = cog.communes.filter((c) => c.type === "commune-actuelle");
  const regionPopulation = new Map<string, number>();
  const departementPopulation = new Map<string, number>();
  for (const c of communes) {
    if (c.region) regionPopulation.set(c.region, (regionPopulation.get(c.region) ?? 0) + (c.population ?? 0));
    if (c.departement) departementPopulation.set(c.departement, (departementPopulation.get(c.departement) ?? 0) + (c.population ?? 0));
  }
  for (const r of cog.regions) territory("REGION", r.code, r.nom, { population: regionPopulation.get(r.code) ?? null, region_code: r.code });
  const departements = new Map<string, { chefLieu?: string }>();
  for (const d of cog.departements) {
    const id = territory("DEPARTEMENT", d.code, d.nom, { population: departementPopulation.get(d.code) ?? null, departement_code: d.code, region_code: d.region });
    departements.set(d.code, d as { chefLieu?: string });
    if (d.region) links.push({ parent_id: `REGION:${d.region}`, child_id: id });
    const of = ofDepartement(d.nom, (d as { typeLiaison?: number }).typeLiaison);
    organization(`PREFECTURE:${d.code}`, "PREFECTURE", `Préfecture ${of}`, id);
    organization(`DDT:${d.code}`, "DDT", COASTAL.has(d.code) ? `Direction départementale des territoires et de la mer ${of}` : `Direction départementale des territoires ${of}`, id);
    organization(`ANCT:${d.code}`, "ANCT", `ANCT — délégation territoriale ${of}`, id);
  }
  const arrondissements = new Set<string>();
  for (const a of cog.arrondissements) {
    const id = territory("ARRONDISSEMENT", a.code, a.nom, { departement_code: a.departement, region_code: a.region, arrondissement_code: a.code });
    arrondissements.add(a.code);
    if (departements.has(a.departement)) links.push({ parent_id: `DEPARTEMENT:${a.departement}`, child_id: id });
    // The arrondissement of the département's chef-lieu is served by the préfecture itself.
    if ((a as { chefLieu?: string }).chefLieu !== departements.get(a.departement)?.chefLieu) {
      organization(`SOUS_PREFECTURE:${a.code}`, "SOUS_PREFECTURE", `Sous-préfecture de ${a.nom}`, id);
    }
  }
  const communeIds = new Set<string>();
  const communeBySiren = new Map<string, string>();
  const departementOf = new Map<string, string>();
  for (const c of communes) {
    const id = territory("COMMUNE", c.code, c.nom, {
      population: c.population ?? null,
      siren: c.siren ?? null,
      postal_codes: c.codesPostaux ?? [],
      departement_code: c.departement ?? null,
      region_code: c.region ?? null,
      arrondissement_code: c.arrondissement ?? null,
    });
    communeIds.add(id);
    if (c.departement) departementOf.set(c.code, c.departement);
    if (c.siren) {
      communeBySiren.set(c.siren, id);
      organization(`COLLECTIVITE:${c.siren}`, "COLLECTIVITE", `Commune de ${c.nom}`, id);
    }
    if (c.departement && departements.has(c.departement)) links.push({ parent_id: `DEPARTEMENT:${c.departement}`, child_id: id });
    if (c.arrondissement && arrondissements.has(c.arrondissement)) links.push({ parent_id: `ARRONDISSEMENT:${c.arrondissement}`, child_id: id });
  }
  for (const c of cog.communes) {
    if (c.type !== "commune-deleguee" && c.type !== "commune-associee") continue;
    const id = territory("COMMUNE_DELEGUEE", c.code, c.nom, { departement_code: c.departement ?? null, region_code: c.region ?? null, arrondissement_code: c.arrondissement ?? null });
    if (c.chefLieu && communeIds.has(`COMMUNE:${c.chefLieu}`)) links.push({ parent_id: `COMMUNE:${c.chefLieu}`, child_id: id });
  }
  const epciIds = new Set<string>();
  for (const e of cog.epcis) {
    // An EPCI's département: the one most of its member communes are in.
    const counts = new Map<string, number>();
    for (const m of e.membres) {
      const dep = departementOf.get(m.code);
      if (dep) counts.set(dep, (counts.get(dep) ?? 0) + 1);
    }
    const departement = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    const region = departement ? (cog.departements.find((d) => d.code === departement)?.region ?? null) : null;
    const id = territory("EPCI", e.code, e.nom, { population: e.populationMunicipale ?? null, siren: e.code, departement_code: departement, region_code: region });
    epciIds.add(id);
    organization(`COLLECTIVITE:${e.code}`, "COLLECTIVITE", e.nom, id);
    for (const m of e.membres) {
      const child = `COMMUNE:${m.code}`;
      if (communeIds.has(child)) links.push({ parent_id: id, child_id: child });
    }
  }
  const crtes = new Map<string, { name: string; region: string; departement: string }>();
  for (const member of cog.crteMembers) {
    if (!crtes.has(member.id)) crtes.set(member.id, member);
    const child = epciIds.has(`EPCI:${member.groupementSiren}`) ? `EPCI:${member.groupementSiren}` : communeBySiren.get(member.groupementSiren);
    if (child) links.push({ parent_id: `CRTE:${member.id}`, child_id: child });
  }
  for (const [code, crte] of crtes) {
    territory("CRTE", code, crte.name, { departement_code: crte.departement, region_code: crte.region });
  }
  organization("ANCT:NATIONAL", "ANCT", "Agence nationale de la cohésion des territoires", null, "13002603200016");
  for (const [code, name] of OPERATORS) organization(`OPERATOR:${code}`, "OPERATOR", name, null);
  return { territories, links: dedupe(links), organizations };
}

function dedupe(links: Row[]): Row[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = JSON.stringify([link.parent_id, link.child_id]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Imports the map in one transaction, in bulk. Idempotent: a second run reports
 * zero inserted, updated and deleted rows.
 */
export async function importMap(dataSource: DataSource): Promise<ImportReport> {
  const started = Date.now();
  const map = buildMap();
  return dataSource.transaction(async (manager) => {
    const db: Queryable = manager;
    // Links reference territories: delete stale links first, insert new ones last.
    const territories = await syncTable(db, "territory", TERRITORY_COLUMNS, ["id"], map.territories);
    const links = await syncTable(db, "territory_link", LINK_COLUMNS, ["parent_id", "child_id"], map.links);
    const organizations = await syncTable(db, "organization", ORGANIZATION_COLUMNS, ["id"], map.organizations);
    const byKind: Record<string, number> = {};
    for (const row of map.territories) byKind[row.kind as string] = (byKind[row.kind as string] ?? 0) + 1;
    return {
      milliseconds: Date.now() - started,
      territories: { ...territories, total: map.territories.length },
      links: { ...links, total: map.links.length },
      organizations: { ...organizations, total: map.organizations.length },
      byKind,
    };
  });
}

export function describeImport(report: ImportReport): string {
  const kinds = Object.entries(report.byKind)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  const change = (r: BulkResult) => `+${r.inserted} ~${r.updated} -${r.deleted}`;
  return `map import in ${report.milliseconds} ms: ${report.territories.total} territories (${kinds}; ${change(report.territories)}), ${report.links.total} memberships (${change(report.links)}), ${report.organizations.total} organisations (${change(report.organizations)})`;
}

/** Identifies the reference data: the package version and the CRTE file. */
export function mapFingerprint(): string {
  const version = cogPackageVersion();
  const crte = createHash("sha256")
    .update(
      loadCog()
        .crteMembers.map((m) => `${m.id}:${m.groupementSiren}`)
        .join(","),
    )
    .digest("hex")
    .slice(0, 16);
  return `decoupage-administratif@${version}+crte:${crte}+importer:2`;
}

/** Imports the map unless the same reference data was already imported; returns a log line. */
export async function ensureMap(dataSource: DataSource): Promise<string> {
  const fingerprint = mapFingerprint();
  const current = (await dataSource.query<{ fingerprint: string }[]>(`SELECT fingerprint FROM reference_import WHERE name = 'map'`)).at(0);
  if (current?.fingerprint === fingerprint) return `map up to date (${fingerprint})`;
  const report = await importMap(dataSource);
  await dataSource.query(`INSERT INTO reference_import (name, fingerprint) VALUES ('map', $1) ON CONFLICT (name) DO UPDATE SET fingerprint = $1, imported_at = now()`, [fingerprint]);
  return describeImport(report);
}
