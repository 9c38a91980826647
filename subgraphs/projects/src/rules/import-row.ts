import { loadCog, loadThemes, projectTerritoryAncestry } from "@hub/reference";
import { ProjectPhase, ProjectStatus } from "../entities/project.entity";
import { DESCRIPTION_MAX, PROGRAMME_MAX, TITLE_MAX } from "./project-fields";

/**
 * One line of an import file (docs/import-format.md): which columns there are, and what each
 * cell may hold. Pure: the reference map and themes in memory, no database. Messages are in
 * French: the people who prepared the file read them.
 */

/** The columns, by their normalised header (lower case, no accents, `_` for spaces and dashes). */
export const IMPORT_COLUMNS = ["identifiant_externe", "territoire", "titre", "description", "thematiques", "programmes", "phase", "budget", "date_debut", "date_fin", "statut"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["identifiant_externe", "territoire", "titre", "statut"];
/** Headers also accepted for a column (the singular a spreadsheet may use). */
const ALIASES = new Map<string, ImportColumn>([
  ["programme", "programmes"],
  ["thematique", "thematiques"],
  ["themes", "thematiques"],
  ["theme", "thematiques"],
]);
/** Lists in a cell (themes, programmes) are separated by this. */
export const LIST_SEPARATOR = "|";
export const EXTERNAL_ID_MAX = 100;

/** An error on one line: where, and what is wrong, in French. */
export interface LineError {
  line: number;
  /** The column's header as normalised (null: the whole line). */
  column: string | null;
  message: string;
}

/** A line ready to be written: the project's fields in their normal form. */
export interface ImportedProject {
  externalId: string;
  territoryId: string;
  territoryIds: string[];
  ownerId: string;
  title: string;
  description: string;
  themes: string[];
  programmes: string[];
  phase: ProjectPhase;
  budgetEuros: number | null;
  startDate: string | null;
  endDate: string | null;
  status: ProjectStatus;
}

export type RowCheck = { ok: true; project: ImportedProject } | { ok: false; errors: LineError[] };

/** A header as written in the file, in the form `IMPORT_COLUMNS` uses ("Date début" → "date_debut"). */
export function normaliseHeader(header: string): string {
  const plain = header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return ALIASES.get(plain) ?? plain;
}

/** Problems of the header line: required columns missing, unknown or repeated ones. */
export function checkHeaders(headers: readonly string[], line = 1): LineError[] {
  const errors: LineError[] = [];
  const seen = new Set<string>();
  for (const header of headers) {
    if (header === "") continue;
    if (!(IMPORT_COLUMNS as readonly string[]).includes(header))
      errors.push({ line, column: header.slice(0, 60), message: `Colonne inconnue « ${header.slice(0, 60)} » (colonnes possibles : ${IMPORT_COLUMNS.join(", ")})` });
    else if (seen.has(header)) errors.push({ line, column: header, message: `Colonne « ${header} » en double` });
    seen.add(header);
  }
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) errors.push({ line, column, message: `Colonne obligatoire « ${column} » absente` });
  return errors;
}

/** Statuses and phases in French words (normalised like headers: "Déposé" → "depose"); their codes (SUBMITTED) are accepted too. */
const STATUS_WORDS = new Map<string, ProjectStatus>([
  ["brouillon", ProjectStatus.DRAFT],
  ["depose", ProjectStatus.SUBMITTED],
  ["qualifie", ProjectStatus.QUALIFIED],
  ["attribue", ProjectStatus.ASSIGNED],
  ["en_cours", ProjectStatus.IN_PROGRESS],
  ["termine", ProjectStatus.COMPLETED],
  ["abandonne", ProjectStatus.ABANDONED],
  ...Object.values(ProjectStatus).map((status): [string, ProjectStatus] => [status.toLowerCase(), status]),
]);
const STATUS_NAMES = [...STATUS_WORDS.keys()].slice(0, 7).join(", ");
const PHASE_WORDS = new Map<string, ProjectPhase>([
  ["idee", ProjectPhase.IDEE],
  ["etude", ProjectPhase.ETUDE],
  ["operation", ProjectPhase.OPERATION],
]);

let owners: { communes: Map<string, string>; communeBySiren: Map<string, string>; epcis: Set<string> } | null = null;
/** SIREN of each current commune, communes by SIREN, and EPCI SIRENs: a project's owner is the collectivité of its territory. */
function ownersIndex() {
  if (owners) return owners;
  const cog = loadCog();
  const communes = new Map<string, string>();
  const communeBySiren = new Map<string, string>();
  for (const c of cog.communes) {
    if (c.type === "commune-actuelle" && c.siren) {
      communes.set(c.code, c.siren);
      communeBySiren.set(c.siren, c.code);
    }
  }
  owners = { communes, communeBySiren, epcis: new Set(cog.epcis.map((e) => e.code)) };
  return owners;
}

/** A cell's territory: an INSEE commune code (5 characters), a SIREN (EPCI, or a commune's), or a kind-qualified id. */
function territoryOf(value: string): { territoryId: string; ownerId: string; territoryIds: string[] } | string {
  const index = ownersIndex();
  const code = value.replace(/\s/g, "").replace(/^(COMMUNE|EPCI):/i, "");
  let territoryId: string;
  let ownerSiren: string | undefined;
  if (/^[0-9][0-9AB][0-9]{3}$/i.test(code)) {
    territoryId = `COMMUNE:${code.toUpperCase()}`;
    ownerSiren = index.communes.get(code.toUpperCase());
  } else if (/^\d{9}$/.test(code)) {
    if (index.epcis.has(code)) {
      territoryId = `EPCI:${code}`;
      ownerSiren = code;
    } else {
      const commune = index.communeBySiren.get(code);
      if (!commune) return `Aucune commune ni EPCI actuel de SIREN ${code}`;
      territoryId = `COMMUNE:${commune}`;
      ownerSiren = code;
    }
  } else {
    return `« ${value.slice(0, 60)} » n'est ni un code INSEE de commune (5 caractères) ni un SIREN d'EPCI (9 chiffres)`;
  }
  const territoryIds = projectTerritoryAncestry(territoryId);
  if (!territoryIds) return `Aucune commune actuelle de code INSEE ${code.toUpperCase()} (code officiel géographique 2026)`;
  if (!ownerSiren) return `La commune ${code.toUpperCase()} n'a pas de SIREN au code officiel géographique : aucune collectivité pour porter le projet`;
  return { territoryId, ownerId: `COLLECTIVITE:${ownerSiren}`, territoryIds };
}

/** "1 200 000", "1200000,50", "1 200 000 €": euros, rounded; a string when it is no amount. */
function amountOf(value: string): number | string {
  const text = value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(text)) return `« ${value.slice(0, 40)} » n'est pas un montant en euros (exemple : 1250000 ou 1 250 000,50)`;
  const amount = Math.round(Number(text));
  if (amount > 1e12) return "Montant supérieur à 1 000 milliards d'euros";
  return amount;
}

/** YYYY-MM-DD or DD/MM/YYYY, a real calendar day; a string when it is not. */
function dateOf(value: string): string | { error: string } {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = french ? `${french[3]}-${french[2].padStart(2, "0")}-${french[1].padStart(2, "0")}` : value;
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) ? new Date(`${iso}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return { error: `« ${value.slice(0, 40)} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)` };
  return iso;
}

function listOf(value: string): string[] {
  return [
    ...new Set(
      value
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/** Checks one line (cells by normalised header, already trimmed); every problem of the line, or the project it describes. */
export function checkImportRow(line: number, cells: Readonly<Record<string, string>>): RowCheck {
  const errors: LineError[] = [];
  const fail = (column: ImportColumn, message: string) => errors.push({ line, column, message });
  const cell = (column: ImportColumn) => (cells[column] ?? "").trim();

  const externalId = cell("identifiant_externe");
  if (externalId === "") fail("identifiant_externe", "Identifiant externe obligatoire");
  else if (externalId.length > EXTERNAL_ID_MAX) fail("identifiant_externe", `Identifiant externe de plus de ${EXTERNAL_ID_MAX} caractères`);

  const territory = cell("territoire") === "" ? "Territoire obligatoire (code INSEE de la commune ou SIREN de l'EPCI)" : territoryOf(cell("territoire"));
  if (typeof territory === "string") fail("territoire", territory);

  const title = cell("titre");
  if (title === "") fail("titre", "Titre obligatoire");
  else if (title.length > TITLE_MAX) fail("titre", `Titre de plus de ${TITLE_MAX} caractères`);
  const description = cell("description");
  if (description.length > DESCRIPTION_MAX) fail("description", `Description de plus de ${DESCRIPTION_MAX} caractères`);

  const known = new Set(loadThemes().map((t) => t.slug));
  const themes = listOf(cell("thematiques"));
  const unknownThemes = themes.filter((theme) => !known.has(theme));
  if (unknownThemes.length > 0) fail("thematiques", `Thématique inconnue : ${unknownThemes.map((t) => `« ${t.slice(0, 40)} »`).join(", ")} (codes possibles : ${[...known].join(", ")})`);

  const programmes = listOf(cell("programmes"));
  if (programmes.length > PROGRAMME_MAX) fail("programmes", `Plus de ${PROGRAMME_MAX} programmes`);
  if (programmes.some((p) => p.length > 80)) fail("programmes", "Nom de programme de plus de 80 caractères");

  const phaseText = normaliseHeader(cell("phase"));
  const phase = phaseText === "" ? ProjectPhase.IDEE : PHASE_WORDS.get(phaseText);
  if (!phase) fail("phase", `Phase inconnue « ${cell("phase").slice(0, 40)} » (idée, étude ou opération)`);

  const budget = cell("budget") === "" ? null : amountOf(cell("budget"));
  if (typeof budget === "string") fail("budget", budget);

  const dates: Record<"date_debut" | "date_fin", string | null> = { date_debut: null, date_fin: null };
  for (const column of ["date_debut", "date_fin"] as const) {
    if (cell(column) === "") continue;
    const date = dateOf(cell(column));
    if (typeof date === "string") dates[column] = date;
    else fail(column, date.error);
  }
  if (dates.date_debut && dates.date_fin && dates.date_fin < dates.date_debut) fail("date_fin", "Date de fin antérieure à la date de début");

  const statusText = normaliseHeader(cell("statut"));
  const status = STATUS_WORDS.get(statusText);
  if (statusText === "") fail("statut", `Statut obligatoire (${STATUS_NAMES})`);
  else if (!status) fail("statut", `Statut inconnu « ${cell("statut").slice(0, 40)} » (${STATUS_NAMES})`);

  if (errors.length > 0 || typeof territory === "string" || !phase || !status || typeof budget === "string") return { ok: false, errors };
  return {
    ok: true,
    project: { externalId, ...territory, title, description, themes, programmes, phase, budgetEuros: budget, startDate: dates.date_debut, endDate: dates.date_fin, status },
  };
}
