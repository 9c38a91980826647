// The "board" benchmark: the State's board of a département with 2,000 projects (and 6,000 in
// other départements), through the projects subgraph started in this process (its statement
// counter is readable), as a State agent of the DDT of the Puy-de-Dôme: SQL statements per
// request and latency (p50, p95), for 10 and 50 cards a column. The counts and every column's
// cards are two statements whatever the size of the territory; an N+1 would grow with the cards.
import { ANONYMOUS, DEV_INTERNAL_SECRET, listen, withDatabase, type RunningServer, type Viewer } from "@hub/kit";
import { createProjectsServer } from "@hub/projects";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { percentile } from "./load";
import { table, type BenchOutcome } from "./report";
import { graphqlOnce, internalHeaders } from "./scenarios";

const PROJECTS_IN_DEPARTEMENT = 2000;
const PROJECTS_ELSEWHERE = 6000;
const STATUSES = ["SUBMITTED", "QUALIFIED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "ABANDONED"];
const CARDS = [10, 50];
const WARMUP = 20;
const REQUESTS = 200;
const BOARD_QUERY = `query($cards: Int!) { projectBoard(territoryId: "DEPARTEMENT:63", cards: $cards) {
  totalCount columns { status count inactiveCount projects { id title status priority blockedReason updatedAt inactive { reason } territory { id } owner { id } } } } }`;

interface BoardData {
  projectBoard: { totalCount: number; columns: { status: string; count: number; projects: { status: string }[] }[] };
}

export const boardDatabaseName = (): string => `hub_bench_board_${process.pid}`;

/** Creates the board's database on `serverUrl`, runs the benchmark, drops it. */
export async function runBoardBench(serverUrl: string, timeoutMs: number): Promise<BenchOutcome> {
  const database = boardDatabaseName();
  const admin = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    try {
      return await measureBoard(withDatabase(serverUrl, database), timeoutMs);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      console.log(`\ndatabase ${database} dropped`);
    }
  } finally {
    await admin.end();
  }
}

async function measureBoard(databaseUrl: string, timeoutMs: number): Promise<BenchOutcome> {
  const failures: string[] = [];
  const documentsDir = mkdtempSync(join(tmpdir(), "hub-bench-board-"));
  const app = await createProjectsServer(
    {
      mode: "test",
      internalTokenSecret: DEV_INTERNAL_SECRET,
      host: "127.0.0.1",
      port: 0,
      databaseUrl,
      documentsDir,
      documentMaxBytes: 1024 * 1024,
      importMaxBytes: 1024 * 1024,
      s3: null,
      // No scheduled scan: the statements counted are the board's only.
      reminderScanMs: 0,
      reminderDefaultWeeks: 6,
      inactiveAfterDays: 365,
    },
    true,
  );
  let server: RunningServer | undefined;
  try {
    server = await listen(app, 0);
    if (!app.database) throw new Error("the projects subgraph exposes no database to count its statements");
    const seedMs = await seed(app.database.dataSource.query.bind(app.database.dataSource));
    console.log(`projects subgraph in this process on ${server.url}; ${PROJECTS_IN_DEPARTEMENT} projects seeded in the Puy-de-Dôme and ${PROJECTS_ELSEWHERE} elsewhere in ${seedMs.toFixed(0)} ms`);
    const viewer: Viewer = { ...ANONYMOUS, personId: "00000000-0000-4000-8000-000000000063", organizationId: "DDT:63", roles: ["STATE_AGENT"], departements: ["63"] };
    const headers = internalHeaders(viewer, DEV_INTERNAL_SECRET);
    const counter = app.database.statements;
    const url = server.url;

    const rows: string[][] = [];
    const result: Record<string, unknown> = { projectsInDepartement: PROJECTS_IN_DEPARTEMENT, projectsElsewhere: PROJECTS_ELSEWHERE, requests: REQUESTS, query: BOARD_QUERY.replace(/\s+/g, " ") };
    for (const cards of CARDS) {
      const statements = new Set<number>();
      const times: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const before = counter.count;
        const t0 = performance.now();
        const data = (await graphqlOnce(url, headers(), BOARD_QUERY, { cards }, timeoutMs)) as BoardData;
        const elapsed = performance.now() - t0;
        const problem = inspect(data, cards);
        if (problem) throw new Error(`board with ${cards} cards: ${problem}`);
        if (i >= WARMUP) {
          times.push(elapsed);
          statements.add(counter.count - before);
        }
      }
      times.sort((a, b) => a - b);
      const figures = { statements: [...statements], p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times[times.length - 1] };
      result[`cards${cards}`] = figures;
      rows.push([String(cards), figures.statements.join(" / "), figures.p50Ms.toFixed(1), figures.p95Ms.toFixed(1), figures.maxMs.toFixed(1)]);
      if (statements.size > 1) failures.push(`${cards} cards: the statement count varies between identical requests (${[...statements].join(", ")})`);
    }
    const counts = Object.values(result).flatMap((v) => (typeof v === "object" && v !== null && "statements" in v ? (v as { statements: number[] }).statements : []));
    if (new Set(counts).size > 1) failures.push(`statements per request differ between 10 and 50 cards (${counts.join(", ")}): an N+1`);
    console.log(`\nprojectBoard(territoryId: "DEPARTEMENT:63") as a State agent of the DDT 63, ${REQUESTS} sequential requests each (after ${WARMUP} unmeasured):\n`);
    console.log(table(["cards / column", "SQL statements / request", "p50 ms", "p95 ms", "max ms"], rows));
    return { failures, result };
  } finally {
    if (server) await server.stop();
    else await app.close();
    rmSync(documentsDir, { recursive: true, force: true });
  }
}

/** 2,000 projects on the communes of the Puy-de-Dôme, 6,000 on those of other départements, spread over the board's statuses, in two statements. */
async function seed(query: (sql: string, params?: unknown[]) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  const insert = `INSERT INTO project (title, status, territory_id, territory_ids, owner_id, priority, inactive_since, inactive_reason, updated_at)
    SELECT 'Projet ' || $1 || '-' || n, ($2::text[])[1 + n % 6], 'COMMUNE:' || $3 || lpad((n % 400)::text, 3, '0'),
           ARRAY['COMMUNE:' || $3 || lpad((n % 400)::text, 3, '0'), 'DEPARTEMENT:' || $3],
           'COLLECTIVITE:' || $3 || n % 400, (ARRAY['LOW', 'NORMAL', 'HIGH'])[1 + n % 3],
           CASE WHEN n % 17 = 0 THEN now() END, CASE WHEN n % 17 = 0 THEN 'Aucune activité depuis un an' END,
           now() - (n || ' minutes')::interval
      FROM generate_series(1, $4::int) AS n`;
  await query(insert, ["63", STATUSES, "63", PROJECTS_IN_DEPARTEMENT]);
  for (const departement of ["03", "15", "43"]) await query(insert, [departement, STATUSES, departement, PROJECTS_ELSEWHERE / 3]);
  await query("ANALYZE project");
  return performance.now() - t0;
}

function inspect(data: BoardData, cards: number): string | null {
  const board = data.projectBoard;
  if (board.totalCount !== PROJECTS_IN_DEPARTEMENT) return `expected ${PROJECTS_IN_DEPARTEMENT} projects, got ${board.totalCount}`;
  for (const column of board.columns) {
    if (column.projects.length !== Math.min(cards, column.count)) return `column ${column.status}: ${column.projects.length} cards for ${column.count} projects`;
    if (column.projects.some((p) => p.status !== column.status)) return `column ${column.status} holds another status's card`;
  }
  return null;
}
