import { loadCog, loadThemes } from "@hub/reference";
import type { AtAidResult } from "../clients/aides-territoires.types";
import { ResourceKind, ResourceStatus, type ResourceSnapshot } from "../entities/library.entity";
import { excerpt, htmlToText } from "../lib/html-text";

/**
 * An Aides-Territoires engineering aid as a sheet of the library (pure: the reference map in
 * memory). Its perimeter gives the territories: France (Pays, Métropole) and Europe (Continent)
 * are national; a région or a département is found by name (the API sends names, not codes); an
 * EPCI stands for the départements of its communes. Other perimeters (a commune, ad-hoc areas,
 * basins, overseas as a whole) cannot be placed on the map: null, the aid is skipped.
 */
export interface MappedAid {
  externalId: string;
  snapshot: ResourceSnapshot;
  /** The first financer's name: the provider, an organisation of the contact book. */
  provider: string | null;
}

const normal = (name: string) =>
  name
    .replace(/\s*\([^)]*\)\s*$/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

let byName: { regions: Map<string, string>; departements: Map<string, string>; epcis: Map<string, string[]> } | null = null;

function names() {
  if (!byName) {
    const cog = loadCog();
    const departementOf = new Map(cog.communes.flatMap((c) => (c.type === "commune-actuelle" && c.departement ? [[c.code, c.departement] as const] : [])));
    byName = {
      regions: new Map(cog.regions.map((r) => [normal(r.nom), `REGION:${r.code}`])),
      departements: new Map(cog.departements.map((d) => [normal(d.nom), `DEPARTEMENT:${d.code}`])),
      epcis: new Map(
        cog.epcis.map((e) => [normal(e.nom), [...new Set(e.membres.map((m) => departementOf.get(m.code)).filter((d): d is string => d !== undefined))].sort().map((d) => `DEPARTEMENT:${d}`)]),
      ),
    };
  }
  return byName;
}

/** The sheet territories of an aid's perimeter: [] for national, null when it cannot be placed. */
export function territoriesOfPerimeter(scale: string | null, perimeter: string | null): string[] | null {
  const name = perimeter ? normal(perimeter) : "";
  switch (scale) {
    case "Pays":
    case "Métropole":
    case "Continent":
      return [];
    case "Région": {
      const region = names().regions.get(name);
      return region ? [region] : null;
    }
    case "Département": {
      const departement = names().departements.get(name);
      return departement ? [departement] : null;
    }
    case "epci":
    case "EPCI": {
      const departements = names().epcis.get(name);
      return departements && departements.length > 0 ? departements : null;
    }
    default:
      return null;
  }
}

/** Theme slugs of the aid's categories ("Theme / Category" names). */
export function themesOfCategories(categories: readonly string[]): string[] {
  const themes = loadThemes();
  const found = new Set<string>();
  for (const category of categories) {
    const theme = themes.find((t) => category === t.name || category.startsWith(`${t.name} / `));
    if (theme) found.add(theme.slug);
  }
  return [...found];
}

/** The instant a deadline day ends in France (its next midnight, Europe/Paris). */
export function endOfFrenchDay(day: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  // Paris is UTC+1 in winter, UTC+2 in summer: read the offset at that instant.
  const offset = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "shortOffset" }).formatToParts(next).find((p) => p.type === "timeZoneName")?.value ?? "GMT+1";
  const hours = Number(/GMT([+-]\d+)/.exec(offset)?.[1] ?? 1);
  return new Date(next.getTime() - hours * 3_600_000);
}

export function mapEngineeringAid(aid: AtAidResult, siteUrl: (path: string) => string): MappedAid | null {
  const territoryIds = territoriesOfPerimeter(aid.perimeter_scale, aid.perimeter);
  if (territoryIds === null) return null;
  const description = htmlToText(aid.description);
  const sections = [description || "Aide en ingénierie publiée sur Aides-Territoires."];
  if (aid.eligibility) sections.push(`## Éligibilité\n\n${htmlToText(aid.eligibility)}`);
  if (aid.financers.length > 0) sections.push(`## Porteurs de l'aide\n\n${aid.financers.map((f) => `- ${f}`).join("\n")}`);
  if (aid.contact) sections.push(`## Contact\n\n${htmlToText(aid.contact)}`);
  const url = siteUrl(aid.url);
  sections.push(`[Voir l'aide sur Aides-Territoires](${url})`);
  const financers = aid.financers.join(", ");
  return {
    externalId: `AT:${aid.id}`,
    provider: aid.financers[0]?.trim() || null,
    snapshot: {
      title: aid.name.trim().slice(0, 200),
      summary: excerpt(description, 300) || `Aide en ingénierie${financers ? ` de ${financers}` : ""}.`,
      body: sections.join("\n\n").slice(0, 50_000),
      themes: themesOfCategories(aid.categories),
      territoryIds,
      kind: ResourceKind.ENGINEERING_AID,
      status: ResourceStatus.PUBLISHED,
      expiresAt: aid.submission_deadline ? endOfFrenchDay(aid.submission_deadline).toISOString() : null,
      url: aid.application_url ?? url,
      providerId: null,
      contactIds: [],
    },
  };
}
