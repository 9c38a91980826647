import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PREFILL_SOURCES, type PrefillSource } from "../rules/prefill-mapping";

/**
 * The Démarches Simplifiées procedures the hub pre-fills, kept as configuration
 * (`subgraphs/funding/data/procedures.json`, or DS_PROCEDURES_FILE) and validated once at start:
 * a bad file stops the subgraph with every problem listed.
 */

/** DS champ types the hub knows how to fill (DS's own `type_champ` names). */
export const CHAMP_TYPES = ["text", "textarea", "decimal_number", "integer_number", "date", "communes", "epci", "departements", "regions", "drop_down_list"] as const;
export type ChampType = (typeof CHAMP_TYPES)[number];

export interface ChampMapping {
  /** The champ descriptor's typed id (base64 of "Champ-<stable id>"), sent as `champ_<id>` without '='. */
  id: string;
  /** The champ's label on DS, in French (shown when the project lacks its data). */
  label: string;
  type: ChampType;
  /** Where the value comes from in the project; absent with `value`. */
  source?: PrefillSource;
  /** A fixed value instead of a source (e.g. a drop-down option). */
  value?: string;
  /** Whether the project must have this data before anything is sent. */
  required: boolean;
}

export interface Procedure {
  /** The hub's name for it, used as `procedure` in the API (e.g. FONDS_VERT). */
  key: string;
  name: string;
  description: string;
  /** The démarche number on DS (the `{procedure_id}` of the prefill API, `demarche(number:)`). */
  demarcheNumber: number;
  champs: ChampMapping[];
  /** Where the API v2 sync reads the amounts: a champ (requested) and a private annotation (granted). */
  amounts: { requestedChampId: string | null; grantedAnnotationId: string | null };
}

export const DEFAULT_PROCEDURES_FILE = join(__dirname, "..", "..", "data", "procedures.json");

const TYPED_ID = /^[A-Za-z0-9+/_-]{4,200}={0,2}$/;
const KEY = /^[A-Z][A-Z0-9_]{1,39}$/;

/** Reads and validates a procedures file; throws one Error listing every problem. */
export function loadProcedures(file: string = DEFAULT_PROCEDURES_FILE): Procedure[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`DS procedures file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const problems: string[] = [];
  const procedures = parseProcedures(raw, problems);
  if (problems.length > 0) throw new Error(`DS procedures file ${file} is invalid: ${problems.join("; ")}`);
  return procedures;
}

/** A JSON object's members (none for anything else), to read untrusted JSON field by field. */
const fieldsOf = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const stringOr = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback);
/** A JSON value as written in the file, for problem messages. */
const shown = (value: unknown): string => (value === undefined ? "nothing" : JSON.stringify(value));

/** Validates the parsed file; pushes each problem (with its path) to `problems`. */
export function parseProcedures(raw: unknown, problems: string[]): Procedure[] {
  const list = fieldsOf(raw).procedures;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push("`procedures` must be a non-empty array");
    return [];
  }
  const seen = new Set<string>();
  const numbers = new Set<number>();
  return list.map((item: unknown, i) => {
    const entry = fieldsOf(item);
    const at = `procedures[${i}]`;
    const key = stringOr(entry.key, "");
    if (!KEY.test(key)) problems.push(`${at}.key must be upper-case letters, digits and '_' (got ${shown(entry.key ?? "")})`);
    else if (seen.has(key)) problems.push(`${at}.key "${key}" is repeated`);
    seen.add(key);
    if (typeof entry.name !== "string" || entry.name.trim() === "") problems.push(`${at}.name is required`);
    const demarcheNumber = typeof entry.demarcheNumber === "number" && Number.isInteger(entry.demarcheNumber) && entry.demarcheNumber > 0 ? entry.demarcheNumber : null;
    if (demarcheNumber === null) problems.push(`${at}.demarcheNumber must be a positive integer`);
    else if (numbers.has(demarcheNumber)) problems.push(`${at}.demarcheNumber ${demarcheNumber} is repeated`);
    else numbers.add(demarcheNumber);
    const champs = Array.isArray(entry.champs) ? entry.champs.map((champ: unknown, j: number) => parseChamp(champ, `${at}.champs[${j}]`, problems)) : [];
    if (champs.length === 0) problems.push(`${at}.champs must be a non-empty array`);
    const ids = champs.map((c) => c.id);
    if (new Set(ids).size !== ids.length) problems.push(`${at}.champs has a champ id twice`);
    const amounts = fieldsOf(entry.amounts);
    const amountChamp = (name: "requestedChampId" | "grantedAnnotationId"): string | null => {
      const id = amounts[name];
      if (id === undefined) return null;
      if (typeof id !== "string" || !TYPED_ID.test(id)) {
        problems.push(`${at}.amounts.${name} must be a champ descriptor id`);
        return null;
      }
      return id;
    };
    return {
      key,
      name: stringOr(entry.name, ""),
      description: stringOr(entry.description, ""),
      demarcheNumber: demarcheNumber ?? 0,
      champs,
      amounts: { requestedChampId: amountChamp("requestedChampId"), grantedAnnotationId: amountChamp("grantedAnnotationId") },
    };
  });
}

const isChampType = (value: unknown): value is ChampType => (CHAMP_TYPES as readonly unknown[]).includes(value);
const isPrefillSource = (value: unknown): value is PrefillSource => typeof value === "string" && Object.hasOwn(PREFILL_SOURCES, value);

function parseChamp(raw: unknown, at: string, problems: string[]): ChampMapping {
  const champ = fieldsOf(raw);
  const id = stringOr(champ.id, "");
  if (!TYPED_ID.test(id)) problems.push(`${at}.id must be a champ descriptor id (base64 of "Champ-<n>")`);
  else if (!/^Champ-\d+$/.test(Buffer.from(id, "base64").toString("utf8"))) problems.push(`${at}.id "${id}" does not decode to "Champ-<number>"`);
  if (typeof champ.label !== "string" || champ.label.trim() === "") problems.push(`${at}.label is required`);
  const type = champ.type;
  if (!isChampType(type)) problems.push(`${at}.type must be one of ${CHAMP_TYPES.join(", ")} (got ${shown(type)})`);
  const source = champ.source;
  const hasValue = typeof champ.value === "string";
  if (source === undefined && !hasValue) problems.push(`${at} needs a source or a value`);
  if (source !== undefined && hasValue) problems.push(`${at} has both a source and a value`);
  if (source !== undefined) {
    if (!isPrefillSource(source)) problems.push(`${at}.source must be one of ${Object.keys(PREFILL_SOURCES).join(", ")} (got ${shown(source)})`);
    else if (!(PREFILL_SOURCES[source].types as readonly unknown[]).includes(type))
      problems.push(`${at}: source ${source} cannot fill a ${String(type)} champ (only ${PREFILL_SOURCES[source].types.join(", ")})`);
  }
  if (typeof champ.required !== "boolean") problems.push(`${at}.required must be true or false`);
  return {
    id: id.replace(/=+$/, ""),
    label: stringOr(champ.label, ""),
    // Only read when no problem was found, i.e. when the type is known.
    type: isChampType(type) ? type : "text",
    source: isPrefillSource(source) ? source : undefined,
    value: typeof champ.value === "string" ? champ.value : undefined,
    required: champ.required === true,
  };
}
