// The 1,000 varied territory searches of the "search" benchmark, built deterministically (seeded
// PRNG) from the reference data, each with the territory it was made from.
import type { Cog } from "@hub/reference";

export const CATEGORIES = ["name", "lower-no-accents", "hyphens-as-spaces", "st-for-saint", "prefix", "postcode", "insee-code", "siren", "typo"] as const;
export type Category = (typeof CATEGORIES)[number];
/** Categories whose search is the territory's exact name, as the subgraph normalises names. */
export const EXACT_NAME_CATEGORIES: readonly Category[] = ["name", "lower-no-accents", "hyphens-as-spaces", "st-for-saint"];
/** Categories whose search is a code of the territory (postcode, INSEE code, SIREN). */
export const CODE_CATEGORIES: readonly Category[] = ["postcode", "insee-code", "siren"];
/** Share of each category in the set, in percent (typo: ~10%). */
const WEIGHTS: Record<Category, number> = { name: 14, "lower-no-accents": 14, "hyphens-as-spaces": 10, "st-for-saint": 10, prefix: 14, postcode: 10, "insee-code": 9, siren: 9, typo: 10 };

export interface SearchCase {
  category: Category;
  search: string;
  /** The territory the search was made from (also the id of the matching lookup). */
  expectedId: string;
  expectedName: string;
}

/** What ranks a territory among exact matches: its population and its codes. */
export interface TerritoryFacts {
  /** As the subgraph orders it: COALESCE(population, -1). */
  population: number;
  code: string;
  siren: string | null;
  postcodes: string[];
}

interface Source extends TerritoryFacts {
  id: string;
  kind: "COMMUNE" | "EPCI" | "DEPARTEMENT";
  name: string;
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Population and codes of the territories a search can rank first, by id (as the import computes them). */
export function territoryFacts(cog: Cog): Map<string, TerritoryFacts> {
  const facts = new Map<string, TerritoryFacts>();
  const communes = cog.communes.filter((c) => c.type === "commune-actuelle");
  const sum = (key: "region" | "departement") => {
    const totals = new Map<string, number>();
    for (const c of communes) if (c[key]) totals.set(c[key], (totals.get(c[key]) ?? 0) + (c.population ?? 0));
    return totals;
  };
  const regions = sum("region");
  const departements = sum("departement");
  const none = { siren: null, postcodes: [] };
  for (const r of cog.regions) facts.set(`REGION:${r.code}`, { ...none, code: r.code, population: regions.get(r.code) ?? -1 });
  for (const d of cog.departements) facts.set(`DEPARTEMENT:${d.code}`, { ...none, code: d.code, population: departements.get(d.code) ?? -1 });
  for (const a of cog.arrondissements) facts.set(`ARRONDISSEMENT:${a.code}`, { ...none, code: a.code, population: -1 });
  for (const c of communes) facts.set(`COMMUNE:${c.code}`, { code: c.code, siren: c.siren ?? null, postcodes: c.codesPostaux ?? [], population: c.population ?? -1 });
  for (const c of cog.communes) {
    if (c.type === "commune-deleguee" || c.type === "commune-associee") facts.set(`COMMUNE_DELEGUEE:${c.code}`, { ...none, code: c.code, population: -1 });
  }
  for (const e of cog.epcis) facts.set(`EPCI:${e.code}`, { code: e.code, siren: e.code, postcodes: [], population: e.populationMunicipale ?? -1 });
  return facts;
}

/** `count` searches in the proportions of WEIGHTS, the same for the same seed and reference data. */
export function buildSearchCases(cog: Cog, count: number, seed: number): SearchCase[] {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const facts = territoryFacts(cog);
  const source = (kind: Source["kind"], code: string, name: string): Source => {
    const id = `${kind}:${code}`;
    const known = facts.get(id);
    if (!known) throw new Error(`no facts about ${id}`);
    return { id, kind, name, ...known };
  };
  const all: Record<Source["kind"], Source[]> = {
    COMMUNE: cog.communes.filter((c) => c.type === "commune-actuelle").map((c) => source("COMMUNE", c.code, c.nom)),
    EPCI: cog.epcis.map((e) => source("EPCI", e.code, e.nom)),
    DEPARTEMENT: cog.departements.map((d) => source("DEPARTEMENT", d.code, d.nom)),
  };
  const pools = new Map<string, Source[]>();
  /** A territory of `kind` (or drawn: 80% communes, 10% EPCI, 10% départements) that passes `filter`. */
  const pick = (filterName: string, filter: (s: Source) => boolean, kind?: Source["kind"]): Source => {
    const draw = random();
    let chosen: Source["kind"] = kind ?? (draw < 0.8 ? "COMMUNE" : draw < 0.9 ? "EPCI" : "DEPARTEMENT");
    const pool = (k: Source["kind"]) => {
      const key = `${k}/${filterName}`;
      let found = pools.get(key);
      if (!found) pools.set(key, (found = all[k].filter((s) => s.name.length <= 100 && filter(s))));
      return found;
    };
    if (pool(chosen).length === 0) chosen = "COMMUNE";
    const candidates = pool(chosen);
    return candidates[int(candidates.length)];
  };
  const any = () => true;
  const SAINT = /\bSaint(e)?\b/;

  const build = (category: Category): SearchCase => {
    let s: Source;
    let search: string;
    switch (category) {
      case "name":
        s = pick("any", any);
        search = s.name;
        break;
      case "lower-no-accents":
        s = pick("any", any);
        search = s.name
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .toLowerCase();
        break;
      case "hyphens-as-spaces":
        s = pick("hyphen", (x) => x.name.includes("-"));
        search = s.name.replace(/-/g, " ");
        break;
      case "st-for-saint": {
        s = pick("saint", (x) => SAINT.test(x.name));
        const short = s.name.replace(/\bSainte\b/g, "Ste").replace(/\bSaint\b/g, "St");
        search = random() < 0.5 ? short : short.replace(/-/g, " ");
        break;
      }
      case "prefix":
        s = pick("any", any);
        search = s.name.slice(0, 3 + int(4));
        break;
      case "postcode":
        s = pick("postcode", (x) => x.postcodes.length > 0, "COMMUNE");
        search = s.postcodes[int(s.postcodes.length)];
        break;
      case "insee-code":
        s = pick("any", any, random() < 0.85 ? "COMMUNE" : "DEPARTEMENT");
        search = s.code;
        break;
      case "siren":
        s = pick("siren", (x) => x.siren !== null, random() < 0.7 ? "COMMUNE" : "EPCI");
        if (s.siren === null) throw new Error(`${s.id} was picked for its SIREN but has none`);
        search = s.siren;
        break;
      case "typo": {
        s = pick("typo", (x) => swappable(x.name).length > 0);
        const positions = swappable(s.name);
        const i = positions[int(positions.length)];
        search = s.name.slice(0, i) + s.name[i + 1] + s.name[i] + s.name.slice(i + 2);
        break;
      }
    }
    return { category, search, expectedId: s.id, expectedName: s.name };
  };

  const total = CATEGORIES.reduce((sum, c) => sum + WEIGHTS[c], 0);
  const cases: SearchCase[] = [];
  for (let i = 0; i < count; i++) {
    let draw = random() * total;
    const category = CATEGORIES.find((c) => (draw -= WEIGHTS[c]) < 0) ?? "name";
    cases.push(build(category));
  }
  return cases;
}

/** Positions i where name[i] and name[i + 1] are two different letters (a swap changes the name). */
function swappable(name: string): number[] {
  const positions: number[] = [];
  for (let i = 0; i + 1 < name.length; i++) {
    if (/\p{L}/u.test(name[i]) && /\p{L}/u.test(name[i + 1]) && name[i].toLowerCase() !== name[i + 1].toLowerCase()) positions.push(i);
  }
  return positions;
}
