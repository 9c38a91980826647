import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "./csv";

/**
 * The French administrative map (COG) from @etalab/decoupage-administratif, and ANCT's CRTE
 * list. Reference data that every service may read; loaded once per process, on demand.
 */
export interface CogRegion {
  code: string;
  nom: string;
  zone: string;
}
export interface CogDepartement {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
export interface CogArrondissement {
  code: string;
  nom: string;
  departement: string;
  region: string;
}
export interface CogCommune {
  code: string;
  nom: string;
  type: "commune-actuelle" | "commune-deleguee" | "commune-associee" | "arrondissement-municipal";
  departement?: string;
  region?: string;
  arrondissement?: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
  chefLieu?: string;
  commune?: string;
}
export interface CogEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string; siren: string; nom: string }[];
}
export interface CrteMember {
  id: string;
  name: string;
  region: string;
  departement: string;
  groupementSiren: string;
  groupementName: string;
  nature: string;
}

export interface Cog {
  regions: CogRegion[];
  departements: CogDepartement[];
  arrondissements: CogArrondissement[];
  communes: CogCommune[];
  /** EPCI à fiscalité propre and établissements publics territoriaux (Grand Paris). */
  epcis: CogEpci[];
  crteMembers: CrteMember[];
}

const DATA = join(__dirname, "..", "data");
let cached: Cog | null = null;

/** The version of @etalab/decoupage-administratif the map comes from (identifies an import). */
export function cogPackageVersion(): string {
  return (JSON.parse(readFileSync(require.resolve("@etalab/decoupage-administratif/package.json"), "utf8")) as { version: string }).version;
}

/** The files of @etalab/decoupage-administratif read here, and the shape of each. */
interface PackageFiles {
  "regions.json": CogRegion[];
  "departements.json": CogDepartement[];
  "arrondissements.json": CogArrondissement[];
  "communes.json": CogCommune[];
  "epci.json": CogEpci[];
  "ept.json": CogEpci[];
}

function packageJson<F extends keyof PackageFiles>(file: F): PackageFiles[F] {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), "utf8")) as PackageFiles[F];
}

export function loadCog(): Cog {
  if (cached) return cached;
  const crteMembers = parseCsv(readFileSync(join(DATA, "crte-epci-2023.csv"), "utf8")).map((row) => ({
    id: row.id_crte,
    name: row.lib_crte,
    region: row.insee_reg,
    departement: row.dep_chef_file,
    groupementSiren: row.siren_groupement,
    groupementName: row.lib_groupement,
    nature: row.nature_juridique,
  }));
  cached = {
    regions: packageJson("regions.json"),
    departements: packageJson("departements.json"),
    arrondissements: packageJson("arrondissements.json"),
    communes: packageJson("communes.json"),
    epcis: [...packageJson("epci.json"), ...packageJson("ept.json")],
    crteMembers,
  };
  return cached;
}

/** Where a current commune sits: its département, région, EPCI(s) and CRTE(s). */
export interface CommunePlace {
  code: string;
  nom: string;
  departement: string;
  region: string;
  arrondissement: string | null;
  epcis: string[];
  crtes: string[];
}

let places: Map<string, CommunePlace> | null = null;

/** Index of every current commune (commune-actuelle) by INSEE code. */
export function communePlaces(): Map<string, CommunePlace> {
  if (places) return places;
  const cog = loadCog();
  const index = new Map<string, CommunePlace>();
  for (const commune of cog.communes) {
    if (commune.type !== "commune-actuelle" || !commune.departement || !commune.region) continue;
    index.set(commune.code, { code: commune.code, nom: commune.nom, departement: commune.departement, region: commune.region, arrondissement: commune.arrondissement ?? null, epcis: [], crtes: [] });
  }
  const epciMembers = new Map<string, string[]>();
  for (const epci of cog.epcis) {
    const members = epci.membres.map((m) => m.code);
    epciMembers.set(epci.code, members);
    for (const code of members) index.get(code)?.epcis.push(epci.code);
  }
  const communeBySiren = new Map<string, string>();
  for (const c of cog.communes) if (c.siren && c.type === "commune-actuelle") communeBySiren.set(c.siren, c.code);
  for (const member of cog.crteMembers) {
    const codes = epciMembers.get(member.groupementSiren) ?? [communeBySiren.get(member.groupementSiren)].filter((c): c is string => !!c);
    for (const code of codes) {
      const place = index.get(code);
      if (place && !place.crtes.includes(member.id)) place.crtes.push(member.id);
    }
  }
  places = index;
  return index;
}

export interface Theme {
  id: number;
  name: string;
  slug: string;
  categories: { id: number; name: string; slug: string }[];
}

let themes: Theme[] | null = null;

/** The Aides-Territoires themes and their categories (`/api/themes/`). */
export function loadThemes(): Theme[] {
  themes ??= (JSON.parse(readFileSync(join(DATA, "aides-territoires-themes-categories.json"), "utf8")) as { results: Theme[] }).results;
  return themes;
}

/** A current commune's territory id and every level above it, or null for an unknown code. */
export function communeAncestry(inseeCode: string): string[] | null {
  const place = communePlaces().get(inseeCode);
  if (!place) return null;
  return [
    `COMMUNE:${place.code}`,
    `DEPARTEMENT:${place.departement}`,
    `REGION:${place.region}`,
    ...(place.arrondissement ? [`ARRONDISSEMENT:${place.arrondissement}`] : []),
    ...place.epcis.map((code) => `EPCI:${code}`),
    ...place.crtes.map((code) => `CRTE:${code}`),
  ];
}

/** The shape of a kind-qualified territory id ("COMMUNE:63113", "CRTE:crte-84-01-1"); groups: kind, code. */
export const TERRITORY_ID = /^(REGION|DEPARTEMENT|ARRONDISSEMENT|EPCI|COMMUNE|COMMUNE_DELEGUEE|CRTE):([A-Za-z0-9-]{1,40})$/;

export function isTerritoryId(value: string): boolean {
  return TERRITORY_ID.test(value);
}

let epciPlaces: Map<string, string[]> | null = null;

/** An EPCI's territory id and every level above or around it: its départements, régions and CRTE. */
export function epciAncestry(siren: string): string[] | null {
  if (!epciPlaces) {
    const cog = loadCog();
    const places = communePlaces();
    epciPlaces = new Map();
    for (const epci of cog.epcis) {
      const levels = new Set<string>([`EPCI:${epci.code}`]);
      for (const member of epci.membres) {
        const place = places.get(member.code);
        if (place) {
          levels.add(`DEPARTEMENT:${place.departement}`);
          levels.add(`REGION:${place.region}`);
        }
      }
      for (const crte of cog.crteMembers) if (crte.groupementSiren === epci.code) levels.add(`CRTE:${crte.id}`);
      epciPlaces.set(epci.code, [...levels]);
    }
  }
  return epciPlaces.get(siren) ?? null;
}

/** The ancestry of a project's territory (a commune or an EPCI), or null when unknown. */
export function projectTerritoryAncestry(territoryId: string): string[] | null {
  const match = /^(COMMUNE|EPCI):([0-9AB]{5}|\d{9})$/.exec(territoryId);
  if (!match) return null;
  return match[1] === "COMMUNE" ? communeAncestry(match[2]) : epciAncestry(match[2]);
}

/**
 * The territories of a project on several communes (or an EPCI and communes) and every level
 * above each, without repeats, the first territory's own first; null if one is unknown.
 */
export function projectTerritoriesAncestry(territoryIds: readonly string[]): string[] | null {
  const all = new Set<string>();
  for (const id of territoryIds) {
    const ancestry = projectTerritoryAncestry(id);
    if (!ancestry) return null;
    for (const level of ancestry) all.add(level);
  }
  return [...all];
}

/**
 * The départements a territory of any kind lies in (a région: all of its départements; an EPCI or
 * a CRTE: those of its communes), or null for a territory the map does not know. What decides
 * whether a territory is within a State agent's départements.
 */
export function territoryDepartements(territoryId: string): string[] | null {
  const match = TERRITORY_ID.exec(territoryId);
  if (!match) return null;
  const [, kind, code] = match;
  const cog = loadCog();
  const fromAncestry = (ids: string[] | null) => (ids ? ids.filter((id) => id.startsWith("DEPARTEMENT:")).map((id) => id.slice("DEPARTEMENT:".length)) : null);
  switch (kind) {
    case "DEPARTEMENT":
      return cog.departements.some((d) => d.code === code) ? [code] : null;
    case "REGION": {
      const codes = cog.departements.filter((d) => d.region === code).map((d) => d.code);
      return codes.length > 0 ? codes : null;
    }
    case "ARRONDISSEMENT": {
      const arrondissement = cog.arrondissements.find((a) => a.code === code);
      return arrondissement ? [arrondissement.departement] : null;
    }
    case "COMMUNE":
    case "COMMUNE_DELEGUEE": {
      const commune = communePlaces().get(code) ?? cog.communes.find((c) => c.code === code && c.departement);
      return commune?.departement ? [commune.departement] : null;
    }
    case "EPCI":
      return fromAncestry(epciAncestry(code));
    default: {
      const departements = new Set<string>();
      for (const member of cog.crteMembers) {
        if (member.id !== code) continue;
        const commune = cog.communes.find((c) => c.type === "commune-actuelle" && c.siren === member.groupementSiren);
        for (const d of fromAncestry(epciAncestry(member.groupementSiren)) ?? (commune?.departement ? [commune.departement] : [])) departements.add(d);
        departements.add(member.departement);
      }
      return departements.size > 0 ? [...departements] : null;
    }
  }
}
