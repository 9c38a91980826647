// The data of the reporting benchmark: a national portfolio of BENCH_PROJECTS projects, seeded
// by the operator tool itself (`node scripts/seed.mjs --projects N`, the projects subgraph's
// seedNationalPortfolio) into the data folder of the hub the bench is about to start. Projects
// already there are kept, so later runs add nothing (a larger BENCH_PROJECTS adds the rest).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface PortfolioSeed {
  ms: number;
  /** The seed's closing line ("… N seeded projects were there, M added with K activities in …"). */
  summary: string;
}

/** Runs the seed to `projects` projects in `dataDir`'s database (the hub must not be running: the seed starts its PostgreSQL). */
export async function seedPortfolio(root: string, dataDir: string, projects: number): Promise<PortfolioSeed> {
  console.log(`seeding: node scripts/seed.mjs --projects ${projects} (HUB_DATA_DIR=${dataDir}) ...`);
  const started = performance.now();
  const lines: string[] = [];
  const child = spawn(process.execPath, [join(root, "scripts", "seed.mjs"), "--projects", String(projects)], {
    cwd: root,
    env: { ...process.env, HUB_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      console.log(`  | ${line}`);
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`the seed exited with code ${code}: ${lines.slice(-3).join(" / ")}`);
  return { ms: performance.now() - started, summary: lines.at(-1) ?? "" };
}
