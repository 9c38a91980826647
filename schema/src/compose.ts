import { composeServices } from "@apollo/composition";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "graphql";
import { SUBGRAPHS } from "./subgraphs";
import { keepAnsweringViolations } from "./keep-answering";
import { checkSupergraphChanges } from "./supergraph-governance";

/** Where the committed artefacts live: schema/supergraph.graphql and schema/subgraphs/*.graphql. */
export const SCHEMA_DIR = join(__dirname, "..");

export interface Composition {
  subgraphs: { name: string; sdl: string }[];
  supergraph: string;
}

/** Prints each subgraph's SDL and composes them; throws with every composition error. */
export function composeSupergraph(): Composition {
  const subgraphs = SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, sdl: subgraph.sdl() }));
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  return { subgraphs: subgraphs.map(({ name, sdl }) => ({ name, sdl })), supergraph: result.supergraphSdl };
}

/** The files composition writes, path → content. */
export function compositionFiles(composition: Composition): Map<string, string> {
  const files = new Map<string, string>();
  for (const subgraph of composition.subgraphs) files.set(join(SCHEMA_DIR, "subgraphs", `${subgraph.name}.graphql`), `${subgraph.sdl.trim()}\n`);
  files.set(join(SCHEMA_DIR, "supergraph.graphql"), `${composition.supergraph.trim()}\n`);
  return files;
}

/** Files whose committed content differs from a fresh composition. */
export function staleFiles(composition: Composition): string[] {
  const stale: string[] = [];
  for (const [path, content] of compositionFiles(composition)) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== content) stale.push(path);
  }
  return stale;
}

/** The command line: writes the files, or with --check compares them and checks the changes of the API. */
async function main(): Promise<void> {
  const composition = composeSupergraph();
  if (!process.argv.includes("--check")) {
    for (const [path, content] of compositionFiles(composition)) writeFileSync(path, content);
    for (const subgraph of composition.subgraphs) console.log(`# ${subgraph.name}\n${subgraph.sdl}\n`);
    console.log(`supergraph written to ${join(SCHEMA_DIR, "supergraph.graphql")}`);
    return;
  }
  const stale = staleFiles(composition);
  if (stale.length > 0) {
    console.error(`schema out of date, run \`npm run compose\`: ${stale.join(", ")}`);
    process.exit(1);
  }
  console.log("schema up to date");
  const violations = keepAnsweringViolations(composition.supergraph);
  if (violations.length > 0) {
    console.error('schema: a field another subgraph resolves must be nullable (docs/api-contract.md, "When a subgraph is down"):');
    for (const violation of violations) console.error(`- ${violation.message}`);
    process.exit(1);
  }
  console.log("schema: every field another subgraph resolves is nullable");
  // eslint-disable-next-line no-restricted-properties -- a command-line setting of this check, not a service's configuration
  const governance = await checkSupergraphChanges({ base: process.env.SCHEMA_BASE || undefined });
  for (const line of governance.lines) (governance.ok ? console.log : console.error)(`schema: ${line}`);
  if (!governance.ok) process.exit(1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
