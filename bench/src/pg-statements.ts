// SQL statements per request of a hub the bench does not run in its process, read from
// PostgreSQL's pg_stat_statements. The embedded server (@hub/local-postgres) always loads the module
// (shared_preload_libraries); on that server, when the bench started the hub itself, it also
// runs CREATE EXTENSION IF NOT EXISTS pg_stat_statements in database postgres, which creates
// the view. On any other server (DATABASE_URL, a BENCH_HUB_URL hub) it enables nothing and
// counts only when the module is loaded and the view exists. Without them there is no
// reliable server-side statement count (pg_stat_database counts transactions,
// pg_stat_user_tables counts scans), so the figure is reported as not measured, with the reason.
import { withDatabase } from "@hub/kit";
import { performance } from "node:perf_hooks";
import { Client } from "pg";

/** Statements shown per database, those called most per request. */
const TOP_STATEMENTS = 6;

export type StatementCount =
  | {
      measured: true;
      requests: number;
      /** Per database: statements per request, background subtracted (`raw` − `background`). */
      perRequest: Record<string, number>;
      /** Per database: statements during the requests, per request, background included. */
      raw: Record<string, number>;
      /** Per database: statements in as long again with no request, per request (the journal feed's poll and the like). */
      background: Record<string, number>;
      /** Per database: the statements called most during the requests, calls per request (background included), abridged. */
      top: Record<string, { perRequest: number; query: string }[]>;
      elapsedMs: number;
      note: string;
    }
  | { measured: false; reason: string };

/** The server the hub uses: DATABASE_URL, else the embedded one start.mjs runs. */
export function hubPostgresUrl(databaseUrl: string | undefined): string {
  return databaseUrl ?? `postgres://postgres:hub-local@127.0.0.1:${Number(process.env.HUB_POSTGRES_PORT ?? 54329)}/postgres`;
}

/**
 * Runs `send` `requests` times and divides the statements executed meanwhile in each of
 * `databases` (pg_stat_statements' calls, per dbid: the view shows every database's) by
 * `requests`; then waits as long again with no request and subtracts what ran meanwhile (the
 * journal feed's poll every 5 s, anything else in the background). `createExtension` runs
 * CREATE EXTENSION first: only for the embedded server of a hub the bench started.
 */
export async function countStatements(serverUrl: string, databases: string[], requests: number, send: () => Promise<void>, createExtension: boolean): Promise<StatementCount> {
  const client = new Client({ connectionString: withDatabase(serverUrl, "postgres"), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    return { measured: false, reason: `cannot connect to the hub's PostgreSQL server (${(error as Error).message})` };
  }
  try {
    const { rows: preload } = await client.query<{ value: string }>("SELECT current_setting('shared_preload_libraries') AS value");
    if (!preload[0].value.split(",").some((name) => name.trim() === "pg_stat_statements")) {
      return {
        measured: false,
        reason: `pg_stat_statements is not loaded (shared_preload_libraries = "${preload[0].value}"); loading it needs a server restart with another configuration, and pg_stat_database/pg_stat_user_tables count transactions and scans, not statements`,
      };
    }
    if (createExtension) await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const { rows: view } = await client.query<{ found: boolean }>("SELECT to_regclass('pg_stat_statements') IS NOT NULL AS found");
    if (!view[0].found)
      return {
        measured: false,
        reason: "pg_stat_statements is loaded but its view does not exist in database postgres (CREATE EXTENSION was not run; the bench runs it only on the embedded server of a hub it started)",
      };

    // pg_stat_statements_info (PostgreSQL 14 and later) counts evictions.
    const { rows: infoView } = await client.query<{ found: boolean }>("SELECT to_regclass('pg_stat_statements_info') IS NOT NULL AS found");
    const hasInfo = infoView[0].found;
    // Per statement, so the most frequent ones can be shown; entries evicted meanwhile (dealloc) would make the counts wrong.
    const read = async () => {
      const { rows } = await client.query<{ datname: string; queryid: string; query: string; calls: string }>(
        "SELECT d.datname, s.queryid::text, s.query, s.calls::text FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ANY($1)",
        [databases],
      );
      const { rows: info } = hasInfo ? await client.query<{ dealloc: string }>("SELECT dealloc::text FROM pg_stat_statements_info") : { rows: [] };
      return { calls: new Map(rows.map((r) => [`${r.datname}\u0000${r.queryid}`, { datname: r.datname, query: r.query, calls: Number(r.calls) }])), dealloc: Number(info[0]?.dealloc ?? 0) };
    };
    const before = await read();
    const started = performance.now();
    for (let i = 0; i < requests; i++) await send();
    const elapsedMs = performance.now() - started;
    const after = await read();
    await new Promise((resolve) => setTimeout(resolve, elapsedMs));
    const idle = await read();
    if (idle.dealloc !== before.dealloc) {
      return { measured: false, reason: `pg_stat_statements evicted ${idle.dealloc - before.dealloc} entries meanwhile (pg_stat_statements.max too low), so the counts are incomplete` };
    }

    const delta = (from: typeof before, to: typeof before) => {
      const byStatement = [...to.calls].map(([key, entry]) => ({ ...entry, calls: entry.calls - (from.calls.get(key)?.calls ?? 0) })).filter((entry) => entry.calls > 0);
      const total = Object.fromEntries(databases.map((name) => [name, byStatement.filter((e) => e.datname === name).reduce((sum, e) => sum + e.calls, 0) / requests]));
      return { byStatement, total };
    };
    const during = delta(before, after);
    const background = delta(after, idle).total;
    const top = Object.fromEntries(
      databases.map((name) => [
        name,
        during.byStatement
          .filter((e) => e.datname === name)
          .sort((a, b) => b.calls - a.calls)
          .slice(0, TOP_STATEMENTS)
          .map((e) => ({ perRequest: e.calls / requests, query: abridge(e.query) })),
      ]),
    );
    return {
      measured: true,
      requests,
      perRequest: Object.fromEntries(databases.map((name) => [name, during.total[name] - background[name]])),
      raw: during.total,
      background,
      top,
      elapsedMs,
      note: `pg_stat_statements calls (top-level statements, BEGIN/COMMIT included), minus those of ${(elapsedMs / 1000).toFixed(1)} s with no request`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A statement on one line, its select list elided, at most 140 characters. */
function abridge(query: string): string {
  const line = query
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^SELECT (.+?) FROM /i, "SELECT … FROM ");
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
