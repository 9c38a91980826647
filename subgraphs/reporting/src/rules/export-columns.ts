import { loadThemes } from "@hub/reference";
import { territoriesOfKind } from "./territory-names";

/** One project as the export query reads it: text, with amounts as decimal text and days as YYYY-MM-DD (Europe/Paris). */
export interface ExportRow {
  project_id: string;
  title: string;
  status: string;
  phase: string;
  themes: string[];
  programmes: string[];
  territory_ids: string[];
  owner_id: string;
  budget: string | null;
  amount_requested: string;
  amount_granted: string;
  created_on: string;
  submitted_on: string | null;
  qualified_on: string | null;
  assigned_on: string | null;
  funding_decided_on: string | null;
  last_activity_on: string;
}

/** What a row needs besides itself: organisation names (from people-territories) and the web app's address. */
export interface ExportContext {
  organizationName: (id: string) => string | null;
  publicUrl: string;
}

type Value = string | number | null;

/** A column of the CSV and of the Grist table: French header, Grist column id and type, and its value. */
export interface ExportColumn {
  header: string;
  gristId: string;
  gristType: "Text" | "Numeric";
  value: (row: ExportRow, context: ExportContext) => Value;
}

const STATUS_LABELS: Record<string, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Déposé",
  QUALIFIED: "Qualifié",
  ASSIGNED: "Attribué",
  IN_PROGRESS: "En cours",
  COMPLETED: "Terminé",
  ABANDONED: "Abandonné",
};
const PHASE_LABELS: Record<string, string> = { IDEE: "Idée", ETUDE: "Étude", OPERATION: "Opération" };

let themeNames: Map<string, string> | null = null;
function themeName(slug: string): string {
  themeNames ??= new Map(loadThemes().map((t) => [t.slug, t.name]));
  return themeNames.get(slug) ?? slug;
}

const labelOf = (labels: Record<string, string>, value: string) => (Object.hasOwn(labels, value) ? labels[value] : value);
const amount = (value: string | null): number | null => (value === null ? null : Number(value));
const text = (key: keyof ExportRow, header: string, gristId: string): ExportColumn => ({ header, gristId, gristType: "Text", value: (row) => row[key] as string | null });
const territory = (kind: "COMMUNE" | "EPCI" | "CRTE" | "DEPARTEMENT" | "REGION", codeHeader: string, nameHeader: string, gristId: string): ExportColumn[] => [
  { header: codeHeader, gristId: `${gristId}_code`, gristType: "Text", value: (row) => territoriesOfKind(row.territory_ids, kind).codes },
  { header: nameHeader, gristId, gristType: "Text", value: (row) => territoriesOfKind(row.territory_ids, kind).names },
];

/** The columns, in order. The Grist key column is the first (`projet_id`). */
export const EXPORT_COLUMNS: ExportColumn[] = [
  text("project_id", "Identifiant", "projet_id"),
  text("title", "Titre", "titre"),
  { header: "Statut", gristId: "statut", gristType: "Text", value: (row) => labelOf(STATUS_LABELS, row.status) },
  { header: "Phase", gristId: "phase", gristType: "Text", value: (row) => labelOf(PHASE_LABELS, row.phase) },
  { header: "Thématiques", gristId: "thematiques", gristType: "Text", value: (row) => row.themes.map(themeName).join(", ") },
  { header: "Programmes", gristId: "programmes", gristType: "Text", value: (row) => row.programmes.join(", ") },
  ...territory("COMMUNE", "Code commune", "Commune", "commune"),
  ...territory("EPCI", "SIREN EPCI", "EPCI", "epci"),
  ...territory("CRTE", "Code CRTE", "CRTE", "crte"),
  ...territory("DEPARTEMENT", "Code département", "Département", "departement"),
  ...territory("REGION", "Code région", "Région", "region"),
  { header: "Organisation référente", gristId: "organisation_referente", gristType: "Text", value: (row, context) => context.organizationName(row.owner_id) },
  { header: "Budget estimé (€)", gristId: "budget_estime", gristType: "Numeric", value: (row) => amount(row.budget) },
  { header: "Montant demandé (€)", gristId: "montant_demande", gristType: "Numeric", value: (row) => amount(row.amount_requested) },
  { header: "Montant accordé (€)", gristId: "montant_accorde", gristType: "Numeric", value: (row) => amount(row.amount_granted) },
  text("created_on", "Créé le", "cree_le"),
  text("submitted_on", "Déposé le", "depose_le"),
  text("qualified_on", "Qualifié le", "qualifie_le"),
  text("assigned_on", "Attribué le", "attribue_le"),
  text("funding_decided_on", "Financement décidé le", "financement_decide_le"),
  text("last_activity_on", "Dernière activité", "derniere_activite"),
  { header: "Lien vers la fiche", gristId: "lien_fiche", gristType: "Text", value: (row, context) => `${context.publicUrl.replace(/\/+$/, "")}/#/projets/${row.project_id}` },
];

/** The UTF-8 byte order mark: spreadsheet programs then read the file as UTF-8. */
export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";

/**
 * One CSV cell: numbers with a decimal comma (French spreadsheets); text that a spreadsheet would
 * read as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe; quoted when it holds the separator, a quote or a line break.
 */
export function csvCell(value: Value): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value).replace(".", ",");
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV line, CRLF-terminated. */
export function csvLine(values: readonly Value[]): string {
  return `${values.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
}

export const CSV_HEADER_LINE = csvLine(EXPORT_COLUMNS.map((c) => c.header));

/** A row's values, in column order. */
export function exportValues(row: ExportRow, context: ExportContext): Value[] {
  return EXPORT_COLUMNS.map((column) => column.value(row, context));
}
