// Shared pieces of `npm start` (start.mjs) and `npm start -w <workspace>` (run-service.mjs):
// building, the embedded PostgreSQL server and the stand-ins (Aides-Territoires, Démarches
// Simplifiées, SMTP).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** Compiles the TypeScript workspaces (incremental) and the web app when its sources changed. */
export function build({ web = true } = {}) {
  const started = Date.now();
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b"], { cwd: ROOT, stdio: "inherit" });
  if (tsc.status !== 0) throw new Error("TypeScript build failed");
  if (web && webIsStale()) {
    const vite = spawnSync("npm", ["run", "build", "-w", "web", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (vite.status !== 0) throw new Error("web build failed");
  }
  return Date.now() - started;
}

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function webIsStale() {
  const built = join(ROOT, "web", "dist", "index.html");
  if (!existsSync(built)) return true;
  const sources = ["src", "index.html", "vite.config.ts", "package.json"].map((p) => join(ROOT, "web", p)).filter(existsSync);
  return Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
}

/** The compiled packages this script uses (required on use: `npm start` builds them first). */
const kit = () => require("@hub/kit");
const localPostgres = () => require("@hub/local-postgres");

/**
 * A PostgreSQL server for the subgraphs: DATABASE_URL (an administrator's URL) when set; else
 * the embedded server under `dataDir`, started in its own process (stopped by the returned
 * function), or reused when already running. Either way each subgraph gets a role of its own
 * owning its database only (`env`: `<PREFIX>_DATABASE_URL` per subgraph), with passwords made
 * once and kept in `dataDir`.
 */
export async function database(dataDir) {
  const server = await postgresServer(dataDir);
  try {
    const { provisionServiceDatabases, SERVICE_DATABASES } = localPostgres();
    const urls = await provisionServiceDatabases(server.url, SERVICE_DATABASES, rolePasswords(dataDir, SERVICE_DATABASES));
    const env = Object.fromEntries(Object.entries(urls).map(([prefix, url]) => [`${prefix}_DATABASE_URL`, url]));
    return { ...server, env: { ...env, DATABASE_URL: undefined } };
  } catch (error) {
    await server.stop();
    throw new Error(`cannot set up the subgraphs' databases and roles on ${server.embedded ? "the embedded server" : "DATABASE_URL"}: ${error.message.split("\n")[0]}`, { cause: error });
  }
}

/** The subgraphs' role passwords: random, made once, in `<dataDir>/database-passwords.json` (0600). */
function rolePasswords(dataDir, services) {
  const file = join(dataDir, "database-passwords.json");
  const passwords = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const missing = services.filter((service) => !passwords[service.role]);
  if (missing.length > 0) {
    for (const service of missing) passwords[service.role] = randomBytes(32).toString("base64url");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  }
  return passwords;
}

async function postgresServer(dataDir) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const { isPortOpen, EMBEDDED_POSTGRES_PORT, EMBEDDED_ADMIN_PASSWORD, dataFolderFor } = localPostgres();
  const port = Number(process.env.HUB_POSTGRES_PORT ?? EMBEDDED_POSTGRES_PORT);
  const dataFolder = dataFolderFor(join(dataDir, "postgres"));
  if (await isPortOpen(port)) {
    const url = `postgres://postgres:${EMBEDDED_ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`;
    await checkReused(url, dataFolder, port);
    return { url, embedded: true, reused: true, dataFolder, stop: async () => {} };
  }
  // A process of its own (and its own process group): Ctrl-C reaches only the script that
  // started it, which stops it last, after the services.
  const child = spawn(process.execPath, [join(ROOT, "scripts", "postgres.mjs"), join(dataDir, "postgres"), String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  let relocation;
  const url = await new Promise((resolve, reject) => {
    let lastError = "";
    child.stderr.on("data", (chunk) => (lastError = chunk.toString().trim().split("\n").pop()));
    child.stdout.on("data", (chunk) => {
      for (const line of chunk.toString().split("\n")) {
        if (line.startsWith("postgres note ")) relocation = line.slice("postgres note ".length);
        const ready = /^postgres ready (\S+)/.exec(line);
        if (ready) resolve(ready[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(lastError || `embedded PostgreSQL exited with code ${code}`)));
  });
  return { url, embedded: true, dataFolder, relocation, stop: () => stopProcess(child, 20_000) };
}

/**
 * A server already on the embedded port is reused only if it is the one of this data folder
 * (a running `npm start`): another hub's, or one still shutting down, would serve other data or
 * vanish under the services.
 */
async function checkReused(url, expected, port) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let directory;
  try {
    await client.connect();
    directory = (await client.query("SHOW data_directory")).rows[0].data_directory;
  } catch (error) {
    throw new Error(`port ${port} is taken but does not answer as this hub's PostgreSQL (${error.message}): if a hub is stopping, wait for it; else free the port or set HUB_POSTGRES_PORT`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
  const same = (a, b) => (existsSync(a) && existsSync(b) ? realpathSync(a) === realpathSync(b) : a === b);
  if (!same(directory, expected)) {
    throw new Error(`port ${port} is taken by a PostgreSQL server whose data is in ${directory}, not in ${expected}: stop that hub, or set HUB_POSTGRES_PORT (or HUB_DATA_DIR to its folder)`);
  }
}

/** Starts the Aides-Territoires stand-in in this process, unless a real API is configured. */
export async function aidesTerritoires() {
  if (process.env.AIDES_TERRITOIRES_URL) {
    return { url: process.env.AIDES_TERRITOIRES_URL, apiKey: process.env.AIDES_TERRITOIRES_API_KEY ?? "", stop: async () => {} };
  }
  const { createAidesTerritoiresStandIn } = require("@hub/funding/stand-in");
  const { listen } = kit();
  const { isPortOpen } = localPostgres();
  const apiKey = "dev-aides-territoires-key";
  const port = Number(process.env.AT_STAND_IN_PORT ?? 4010);
  // `npm start` already runs one (a subgraph started alone beside it): use it.
  if (await isPortOpen(port)) return { url: `http://127.0.0.1:${port}`, apiKey, stop: async () => {} };
  const { app } = createAidesTerritoiresStandIn({ apiKey });
  const running = await listen({ app, close: async () => {} }, port, "127.0.0.1", "/api/");
  return { url: `http://127.0.0.1:${running.port}`, apiKey, stop: () => running.stop() };
}

/** Starts the Démarches Simplifiées stand-in in this process, unless a real DS is configured. */
export async function demarchesSimplifiees() {
  if (process.env.DEMARCHES_SIMPLIFIEES_URL) return { url: process.env.DEMARCHES_SIMPLIFIEES_URL, stop: async () => {} };
  const { createDemarchesSimplifieesStandIn } = require("@hub/funding/stand-in");
  const { listen } = kit();
  const { isPortOpen } = localPostgres();
  const port = Number(process.env.DS_STAND_IN_PORT ?? 4011);
  if (await isPortOpen(port)) return { url: `http://127.0.0.1:${port}`, stop: async () => {} };
  const { app } = createDemarchesSimplifieesStandIn();
  const running = await listen({ app, close: async () => {} }, port, "127.0.0.1", "/api/");
  return { url: `http://127.0.0.1:${running.port}`, stop: () => running.stop() };
}

/**
 * Starts the SMTP stand-in in this process (notifications go there, listed at /messages on the
 * same port), unless SMTP_URL names a real server.
 */
export async function smtp() {
  if (process.env.SMTP_URL) return { url: process.env.SMTP_URL, messagesUrl: null, stop: async () => {} };
  const { startSmtpStandIn } = require("@hub/people-territories/stand-in");
  const { isPortOpen } = localPostgres();
  const port = Number(process.env.SMTP_STAND_IN_PORT ?? 4013);
  if (await isPortOpen(port)) return { url: `smtp://127.0.0.1:${port}`, messagesUrl: `http://127.0.0.1:${port}/messages`, stop: async () => {} };
  const standIn = await startSmtpStandIn(port);
  return { url: standIn.smtpUrl, messagesUrl: standIn.messagesUrl, stop: () => standIn.stop() };
}

/** Starts the Grist stand-in in this process (a document "hub-demo" with a table "Projets"), unless a real Grist is configured. */
export async function grist() {
  if (process.env.GRIST_URL) return { url: process.env.GRIST_URL, apiKey: process.env.GRIST_API_KEY ?? "", stop: async () => {} };
  const { createGristStandIn, DEV_GRIST_API_KEY } = require("@hub/reporting/stand-in");
  const { listen } = kit();
  const { isPortOpen } = localPostgres();
  const port = Number(process.env.GRIST_STAND_IN_PORT ?? 4012);
  const url = (p) => `http://127.0.0.1:${p}/api`;
  if (await isPortOpen(port)) return { url: url(port), apiKey: DEV_GRIST_API_KEY, stop: async () => {} };
  const { app } = createGristStandIn({ documents: { "hub-demo": ["Projets"] } });
  const running = await listen({ app, close: async () => {} }, port, "127.0.0.1", "/api");
  return { url: url(running.port), apiKey: DEV_GRIST_API_KEY, stop: () => running.stop() };
}

/** Spawns `node <workspace>/dist/main.js`; resolves when it prints "ready at", rejects if it exits first. */
export function spawnService(name, workspace, env, { prefix = true } = {}) {
  // Its own process group: Ctrl-C reaches only this script, which stops services in order.
  // The IPC channel closes if this script dies, and the service then stops itself.
  // A variable set to undefined in `env` is removed (the subgraphs never see the admin DATABASE_URL).
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
  // HUB_CPU_PROFILE_DIR: each service runs under `node --cpu-prof` and writes <name>.cpuprofile there when it stops.
  const profileDir = process.env.HUB_CPU_PROFILE_DIR;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, workspace, "dist", "main.js")], {
    cwd: ROOT,
    env: merged,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  let lastError = "";
  const ready = new Promise((resolve, reject) => {
    const onLine = (stream) => (chunk) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        if (stream === "err") lastError = line;
        if (prefix) (stream === "err" ? process.stderr : process.stdout).write(`[${name}] ${line}\n`);
        if (line.includes("ready at")) resolve();
      }
    };
    child.stdout.on("data", onLine("out"));
    child.stderr.on("data", onLine("err"));
    child.once("exit", (code) => reject(new Error(lastError || `${name} exited with code ${code}`)));
  });
  return { name, child, ready };
}

/** Sends SIGTERM and waits for the process to end (SIGKILL after `timeoutMs`). */
export function stopProcess(child, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
