// The "import" benchmark: the full import of the map (importMap, in this process) on an empty
// database, then a second run on the imported one, which must change nothing.
import { openDatabase, withDatabase } from "@hub/kit";
import { loadCog } from "@hub/reference";
import { describeImport, ENTITIES, importMap, MIGRATIONS, type BulkResult } from "@hub/people-territories";
import { performance } from "node:perf_hooks";
import { dropDatabase } from "./bench-database";
import { table, type BenchOutcome } from "./report";

type ImportReport = Awaited<ReturnType<typeof importMap>>;
const TABLES = [
  ["territories", "territory"],
  ["memberships", "territory_link"],
  ["organisations", "organization"],
] as const;
const PART = { territories: "territories", memberships: "links", organisations: "organizations" } as const;

/** Imports the map twice into a fresh `database` on the server at `serverUrl`; leaves the database for the statements benchmark. */
export async function runImportBench(serverUrl: string, database: string): Promise<BenchOutcome> {
  const failures: string[] = [];
  let t0 = performance.now();
  loadCog();
  const cogLoadMs = performance.now() - t0;

  await dropDatabase(serverUrl, database);
  t0 = performance.now();
  const db = await openDatabase({ url: withDatabase(serverUrl, database), entities: ENTITIES, migrations: MIGRATIONS });
  const createMs = performance.now() - t0;
  try {
    const before = await rowCounts(db.dataSource);
    if (Object.values(before).some((n) => n > 0)) throw new Error(`the new database is not empty: ${JSON.stringify(before)}`);
    console.log(`database ${database} created and migrated in ${createMs.toFixed(0)} ms (reference data read in ${cogLoadMs.toFixed(0)} ms, not counted below); tables empty`);

    t0 = performance.now();
    const first = await importMap(db.dataSource);
    const firstMs = performance.now() - t0;
    console.log(`run 1 (empty database):   ${describeImport(first)}`);
    t0 = performance.now();
    const second = await importMap(db.dataSource);
    const secondMs = performance.now() - t0;
    console.log(`run 2 (already imported): ${describeImport(second)}`);

    const after = await rowCounts(db.dataSource);
    const byKindInDatabase = await kindCounts(db.dataSource);
    for (const [label, sqlTable] of TABLES) {
      const part = first[PART[label]];
      if (part.inserted !== part.total) failures.push(`run 1 inserted ${part.inserted} ${label} into an empty database, expected ${part.total}`);
      if (after[sqlTable] !== part.total) failures.push(`${sqlTable} holds ${after[sqlTable]} rows after the import, expected ${part.total}`);
      const again = second[PART[label]];
      if (again.inserted + again.updated + again.deleted > 0) failures.push(`run 2 changed ${label}: +${again.inserted} ~${again.updated} -${again.deleted} (expected no change)`);
    }
    if (JSON.stringify(sortKeys(byKindInDatabase)) !== JSON.stringify(sortKeys(first.byKind))) {
      failures.push(`rows per kind in the database ${JSON.stringify(byKindInDatabase)} differ from the import report ${JSON.stringify(first.byKind)}`);
    }

    console.log(`\nterritories per kind:\n`);
    console.log(table(["kind", "rows"], [...Object.entries(first.byKind).map(([kind, n]) => [kind, String(n)]), ["total", String(first.territories.total)]]));
    console.log(`\nrows and changes (+ inserted, ~ updated, - deleted):\n`);
    const change = (r: BulkResult) => `+${r.inserted} ~${r.updated} -${r.deleted}`;
    console.log(
      table(
        ["table", "rows", "run 1", "run 2"],
        TABLES.map(([label, sqlTable]) => [`${label} (${sqlTable})`, String(first[PART[label]].total), change(first[PART[label]]), change(second[PART[label]])]),
      ),
    );
    console.log(`\ntimes: run 1 ${firstMs.toFixed(0)} ms (empty database), run 2 ${secondMs.toFixed(0)} ms (nothing to change); run 2 / run 1 = ${(secondMs / firstMs).toFixed(2)}`);

    return {
      failures,
      result: {
        database,
        createAndMigrateMs: createMs,
        cogLoadMs,
        byKind: first.byKind,
        rowsInDatabase: after,
        runs: [summary(first, firstMs), summary(second, secondMs)],
      },
    };
  } finally {
    await db.dataSource.destroy();
  }
}

function summary(report: ImportReport, wallMs: number) {
  return { wallMs, reportedMs: report.milliseconds, territories: report.territories, memberships: report.links, organisations: report.organizations };
}

async function rowCounts(dataSource: { query(sql: string): Promise<unknown> }): Promise<Record<string, number>> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM territory)::int AS territory, (SELECT count(*) FROM territory_link)::int AS territory_link, (SELECT count(*) FROM organization)::int AS organization`,
  )) as Record<string, number>[];
  return row;
}

async function kindCounts(dataSource: { query(sql: string): Promise<unknown> }): Promise<Record<string, number>> {
  const rows = (await dataSource.query(`SELECT kind, count(*)::int AS n FROM territory GROUP BY kind`)) as { kind: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

function sortKeys(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
