import { communePlaces, loadCog } from "@hub/reference";
import type { ChampType, Procedure } from "../lib/procedures.config";

/** The project's data a démarche may be pre-filled with, as read from the projects subgraph. */
export interface ProjectData {
  id: string;
  title: string;
  description: string;
  budgetEuros: number | null;
  startDate: string | null;
  endDate: string | null;
  /** The carrier territory (COMMUNE:<insee> or EPCI:<siren>), then every commune concerned. */
  territoryIds: string[];
  needs: string | null;
}

/** A value in the exact format DS expects for its champ type (EXTERNAL-APIS §2.4, docs/external-apis.md). */
export type PrefillValue = string | number | [string, string];

interface SourceDefinition {
  /** The champ types this source can fill. */
  types: readonly ChampType[];
  /** What the collectivité must complete when it is missing, in French. */
  missing: string;
  read(project: ProjectData, type: ChampType): PrefillValue | null;
}

const text = (value: string | null) => (value && value.trim() !== "" ? value.trim() : null);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every project datum a champ may be mapped to, with the champ types it can fill. */
export const PREFILL_SOURCES: Record<string, SourceDefinition> = {
  "project.title": { types: ["text", "textarea"], missing: "l’intitulé du projet", read: (p) => text(p.title) },
  "project.description": { types: ["text", "textarea"], missing: "la description du projet", read: (p) => text(p.description) },
  "project.needs": { types: ["text", "textarea"], missing: "les besoins auxquels répond le projet (état des lieux)", read: (p) => text(p.needs) },
  "project.reference": { types: ["text"], missing: "la référence du projet", read: (p) => p.id },
  "project.budgetEuros": {
    types: ["decimal_number", "integer_number"],
    missing: "le budget estimé du projet",
    read: (p, type) => (p.budgetEuros === null ? null : type === "integer_number" ? Math.round(p.budgetEuros) : p.budgetEuros),
  },
  "project.startDate": { types: ["date"], missing: "la date de début prévue", read: (p) => (p.startDate && ISO_DATE.test(p.startDate) ? p.startDate : null) },
  "project.endDate": { types: ["date"], missing: "la date de fin prévue", read: (p) => (p.endDate && ISO_DATE.test(p.endDate) ? p.endDate : null) },
  "project.commune": { types: ["communes"], missing: "la commune du projet", read: (p) => communeValue(p) },
  "project.epci": { types: ["epci"], missing: "l’intercommunalité (EPCI) du projet", read: (p) => epciValue(p) },
  "project.departement": { types: ["departements"], missing: "le département du projet", read: (p) => placeOf(p)?.departement ?? null },
  "project.region": { types: ["regions"], missing: "la région du projet", read: (p) => placeOf(p)?.region ?? null },
};
export type PrefillSource = keyof typeof PREFILL_SOURCES;

/** A champ the project cannot fill yet. */
export interface MissingData {
  champ: string;
  /** What to complete, in French. */
  message: string;
}

export type PrefillPlan = { values: Record<string, unknown> } | { missing: MissingData[] };

/**
 * The body of the prefill POST: `champ_<id>` → value for every mapped champ the project can
 * fill; or, when a required one is missing, the list of what to complete (nothing is sent).
 */
export function planPrefill(procedure: Procedure, project: ProjectData): PrefillPlan {
  const values: Record<string, unknown> = {};
  const missing: MissingData[] = [];
  for (const champ of procedure.champs) {
    const source = champ.source === undefined ? null : PREFILL_SOURCES[champ.source];
    const value = champ.value ?? source?.read(project, champ.type) ?? null;
    if (value !== null) values[`champ_${champ.id}`] = value;
    else if (champ.required) missing.push({ champ: champ.label, message: `Complétez ${source?.missing ?? "ce champ"} (champ « ${champ.label} »).` });
  }
  return missing.length > 0 ? { missing } : { values };
}

function firstCommune(project: ProjectData): string | null {
  const id = project.territoryIds.find((t) => t.startsWith("COMMUNE:"));
  return id ? id.slice("COMMUNE:".length) : null;
}

function placeOf(project: ProjectData) {
  const insee = firstCommune(project);
  if (insee) return communePlaces().get(insee) ?? null;
  const epci = epciOf(project);
  const member = epci && loadCog().epcis.find((e) => e.code === epci)?.membres[0];
  return member ? (communePlaces().get(member.code) ?? null) : null;
}

/** DS communes champ: [postal code, INSEE code]. */
function communeValue(project: ProjectData): [string, string] | null {
  const insee = firstCommune(project);
  if (!insee) return null;
  const commune = loadCog().communes.find((c) => c.code === insee && c.type === "commune-actuelle");
  const postcode = commune?.codesPostaux?.[0];
  return postcode ? [postcode, insee] : null;
}

function epciOf(project: ProjectData): string | null {
  const carrier = project.territoryIds.find((t) => t.startsWith("EPCI:"));
  if (carrier) return carrier.slice("EPCI:".length);
  const insee = firstCommune(project);
  return (insee && communePlaces().get(insee)?.epcis[0]) || null;
}

/** DS epci champ: [département code, EPCI SIREN], the département being the project's own when the EPCI spans several. */
function epciValue(project: ProjectData): [string, string] | null {
  const siren = epciOf(project);
  if (!siren) return null;
  const insee = firstCommune(project);
  const own = insee ? communePlaces().get(insee) : undefined;
  if (own?.epcis.includes(siren)) return [own.departement, siren];
  const member = loadCog().epcis.find((e) => e.code === siren)?.membres[0];
  const departement = member ? communePlaces().get(member.code)?.departement : undefined;
  return departement ? [departement, siren] : null;
}
