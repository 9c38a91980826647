import { join } from "node:path";
import { readFileSync } from "node:fs";
import { readDeclaredChanges, schemaChanges } from "./breaking-changes";
import { previousSupergraph } from "./previous-supergraph";

const SCHEMA_DIR = join(__dirname, "..");

export interface GovernanceOptions {
  /** The supergraph checked (default schema/supergraph.graphql). */
  file?: string;
  /** The declared breaking changes (default schema/breaking-changes.json). */
  declaredFile?: string;
  /** The commit to compare with (SCHEMA_BASE); default: see previousSupergraph. */
  base?: string;
}

/**
 * The schema-governance check: fails (`ok: false`) on a breaking change of the API schema
 * against the previous commit's supergraph that was neither deprecated first nor declared;
 * `lines` say what was compared and found.
 */
export async function checkSupergraphChanges(options: GovernanceOptions = {}): Promise<{ ok: boolean; lines: string[] }> {
  const file = options.file ?? join(SCHEMA_DIR, "supergraph.graphql");
  const declaredFile = options.declaredFile ?? join(SCHEMA_DIR, "breaking-changes.json");
  const previous = previousSupergraph(file, options.base);
  if ("skipped" in previous) return { ok: true, lines: [`breaking-change check skipped: ${previous.skipped}`] };
  const declared = readDeclaredChanges(declaredFile);
  const changes = await schemaChanges(previous.sdl, readFileSync(file, "utf8"), declared);
  const lines = [
    ...changes.deprecated.map((c) => `removed after its deprecation: ${c.message}`),
    ...changes.declared.map((c) => `declared breaking change: ${c.message} (${declared.find((d) => d.type === c.type && d.path === c.path)?.reason})`),
  ];
  if (changes.breaking.length === 0) return { ok: true, lines: [`no undeclared breaking change of the API against ${previous.ref}`, ...lines] };
  return {
    ok: false,
    lines: [
      `breaking changes of the API against ${previous.ref}:`,
      ...changes.breaking.map((c) => `- ${c.type} ${c.path ?? ""}: ${c.message}`),
      "Mark what goes away deprecated (the @deprecated directive) in an earlier commit, or declare each change in schema/breaking-changes.json",
      `with a reason, e.g. ${JSON.stringify({ type: String(changes.breaking[0].type), path: changes.breaking[0].path ?? "", reason: "…" })}`,
      ...lines,
    ],
  };
}
