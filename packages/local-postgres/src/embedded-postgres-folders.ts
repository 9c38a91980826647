/**
 * Where the embedded PostgreSQL server's programs and data live. Started as root, the server
 * runs as the `postgres` user, which must reach both: a clone in a private folder (`mktemp -d`,
 * /root/...) is out of its reach, so the programs are copied once to a folder it can reach and
 * the data is kept in one too. Anyone else runs the server as themselves, from node_modules.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

/** Where root's copies of the programs go, one folder per binaries version. */
export const EMBEDDED_PROGRAMS_ROOT = "/var/tmp/hub-embedded-postgres";
/** Where root keeps data folders the postgres user could not reach, one per requested folder. */
export const EMBEDDED_DATA_ROOT = "/var/tmp/hub-data";
/** Written last in a copy of the programs: a copy without it is incomplete. */
const COMPLETE_MARKER = ".complete";

/** The user the server runs as: undefined when not root (the server then runs as us). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** The programs of the installed `@embedded-postgres/<platform>-<arch>` package: its `native` folder and version. */
export function installedPrograms(): { dir: string; version: string } {
  const fromWrapper = createRequire(require.resolve("embedded-postgres"));
  const entry = fromWrapper.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const packageDir = join(dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  return { dir: join(packageDir, "native"), version };
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function idOf(flag: "-u" | "-g", name: string): number | undefined {
  const result = spawnSync("id", [flag, name], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** As root, the `postgres` user (created when missing); otherwise undefined. */
export function postgresUser(): RunAs | undefined {
  if (!isRoot()) return undefined;
  if (idOf("-u", "postgres") === undefined) {
    if (idOf("-g", "postgres") === undefined) spawnSync("groupadd", ["--system", "postgres"]);
    const added = spawnSync("useradd", ["--system", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    if (added.status !== 0) throw new Error(`the embedded PostgreSQL server cannot run as root, and creating a postgres user failed: ${added.stderr.trim() || added.error?.message}`);
  }
  const uid = idOf("-u", "postgres");
  const gid = idOf("-g", "postgres");
  if (uid === undefined || gid === undefined) throw new Error("the embedded PostgreSQL server cannot run as root, and the postgres user has no uid or gid");
  return { uid, gid };
}

/** Whether `user` passes `test <flag> path` (every folder above included), as the kernel sees it. */
function userCan(user: RunAs, flag: "-r" | "-x", path: string): boolean {
  return spawnSync("test", [flag, path], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * A folder only root may write (created 0755 or `mode`): anything else in /var/tmp, which
 * everyone may write, could have been planted by another user.
 */
function rootOwnedFolder(path: string, mode: number): void {
  if (!existsSync(path)) mkdirSync(path, { mode });
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${path} must be a folder owned by root that others cannot write: remove it, then start again`);
  }
}

/** The programs folder the server runs from: node_modules when reachable, else root's verified copy. */
export function programsFor(user: RunAs | undefined): { dir: string; copied: boolean } {
  const installed = installedPrograms();
  if (!user || userCan(user, "-r", join(installed.dir, "bin", "postgres"))) return { dir: installed.dir, copied: false };
  rootOwnedFolder(EMBEDDED_PROGRAMS_ROOT, 0o755);
  const target = join(EMBEDDED_PROGRAMS_ROOT, installed.version);
  if (existsSync(join(target, COMPLETE_MARKER))) {
    rootOwnedFolder(target, 0o755);
    return { dir: target, copied: true };
  }
  rmSync(target, { recursive: true, force: true }); // an interrupted copy
  // Copied beside the target and renamed into place: a concurrent start sees all or nothing.
  const partial = mkdtempSync(join(EMBEDDED_PROGRAMS_ROOT, `${installed.version}.partial-`));
  try {
    cpSync(installed.dir, partial, { recursive: true, verbatimSymlinks: true });
    openUp(partial);
    writeFileSync(join(partial, COMPLETE_MARKER), `${installed.dir}\n`, { mode: 0o644 });
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another process renamed its complete copy first: use that one.
    if (!existsSync(join(target, COMPLETE_MARKER))) throw error;
  }
  return { dir: target, copied: true };
}

/** Folders 0755, files readable by all, programs executable by all. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(path);
    else chmodSync(path, dirname(path).endsWith("/bin") ? 0o755 : (lstatSync(path).mode & 0o777 & ~0o022) | 0o444);
  }
}

/**
 * Where the data of `requested` really is: `requested` itself, unless root's postgres user
 * cannot reach it, then a folder of its own under /var/tmp/hub-data named after `requested`'s
 * path (the same one at every start). Creates nothing.
 */
export function dataFolderFor(requested: string, user: RunAs | undefined = isRoot() ? postgresUser() : undefined): string {
  const path = resolve(requested);
  if (!user || userCan(user, "-x", nearestExisting(dirname(path)))) return path;
  return join(EMBEDDED_DATA_ROOT, createHash("sha256").update(path).digest("hex").slice(0, 16));
}

function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

/** Creates the data folder `dir` (from dataFolderFor), owned by the server's user, 0700. */
export function prepareDataFolder(dir: string, user: RunAs | undefined): void {
  if (dir.startsWith(`${EMBEDDED_DATA_ROOT}/`)) rootOwnedFolder(EMBEDDED_DATA_ROOT, 0o711);
  // Only the data folder itself is private (PostgreSQL requires it); the folders above keep the umask's mode.
  mkdirSync(dirname(dir), { recursive: true });
  if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
}
