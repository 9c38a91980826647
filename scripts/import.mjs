// `npm run import -- <file.csv|file.xlsx> [--dry-run] [--source <name>] [--format CSV|XLSX]`:
// the projects subgraph's import (the same service as the importProjects mutation), run in
// this process against the projects database (see projects-database.mjs), streaming the
// file from disk. Prints the report; exits 1 when a line has an error, 2 on a usage error.
import { createReadStream, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { openProjectsDatabase } from "./projects-database.mjs";

const require = createRequire(import.meta.url);
const USAGE = "usage: npm run import -- <file.csv|file.xlsx> [--dry-run] [--source <name>] [--format CSV|XLSX]";

function parseArguments(args) {
  const options = { file: null, dryRun: false, source: "import", format: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--dry-run") options.dryRun = true;
    else if (arg === "--source" && i + 1 < args.length) options.source = args[++i];
    else if (arg === "--format" && ["CSV", "XLSX"].includes(args[i + 1]?.toUpperCase())) options.format = args[++i].toUpperCase();
    else if (!arg.startsWith("--") && options.file === null) options.file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.file) throw new Error("no file given");
  options.format ??= options.file.toLowerCase().endsWith(".xlsx") ? "XLSX" : "CSV";
  return options;
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(options.file)) {
    console.error(`no file ${options.file}`);
    return 2;
  }
  const { importProjects, describeImportReport } = require("@hub/projects");
  const { SERVICE_VIEWER } = require("@hub/kit");
  const db = await openProjectsDatabase();
  try {
    const started = Date.now();
    const report = await importProjects(db.dataSource, SERVICE_VIEWER, () => createReadStream(options.file), options);
    console.log(`${describeImportReport(report)}\n${options.file} → ${db.where} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return report.errorCount > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`import failed: ${error.message}`);
    process.exit(1);
  },
);
