// SQL statements per request of a hub the bench does not run in its process, read from
// PostgreSQL's pg_stat_statements when the server already has it: the bench enables nothing
// (loading the module takes shared_preload_libraries and a restart, creating the view takes
// CREATE EXTENSION). Without it there is no reliable server-side statement count
// (pg_stat_database counts transactions, pg_stat_user_tables counts scans), so the figure is
// reported as not measured, with the reason.
import { withDatabase } from "@hub/kit";
import { Client } from "pg";

export type StatementCount =
  | { measured: true; requests: number; perRequest: Record<string, number>; note: string }
  | { measured: false; reason: string };

/** The server the hub uses: DATABASE_URL, else the embedded one start.mjs runs. */
export function hubPostgresUrl(databaseUrl: string | undefined): string {
  return databaseUrl ?? `postgres://postgres:hub-local@127.0.0.1:${Number(process.env.HUB_POSTGRES_PORT ?? 54329)}/postgres`;
}

/**
 * Runs `send` `requests` times and divides the statements executed meanwhile in each of
 * `databases` (pg_stat_statements' calls) by `requests`. Background statements (the journal
 * feed's poll, every 5 s) are counted too: run it on an otherwise idle hub.
 */
export async function countStatements(serverUrl: string, databases: string[], requests: number, send: () => Promise<void>): Promise<StatementCount> {
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
    const { rows: view } = await client.query<{ found: boolean }>("SELECT to_regclass('pg_stat_statements') IS NOT NULL AS found");
    if (!view[0].found) return { measured: false, reason: "pg_stat_statements is loaded but its view does not exist in database postgres (CREATE EXTENSION was not run; the bench does not run it)" };
    const read = async () => {
      const { rows } = await client.query<{ datname: string; calls: string }>(
        "SELECT d.datname, sum(s.calls)::text AS calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ANY($1) GROUP BY d.datname",
        [databases],
      );
      return Object.fromEntries(databases.map((name) => [name, Number(rows.find((r) => r.datname === name)?.calls ?? 0)]));
    };
    const before = await read();
    for (let i = 0; i < requests; i++) await send();
    const after = await read();
    return {
      measured: true,
      requests,
      perRequest: Object.fromEntries(databases.map((name) => [name, (after[name] - before[name]) / requests])),
      note: "pg_stat_statements calls, background statements included (journal feed poll every 5 s)",
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
