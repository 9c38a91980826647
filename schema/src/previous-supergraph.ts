import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, relative, sep } from "node:path";

/** The supergraph to compare with, and the commit it comes from; or why there is none. */
export type PreviousSupergraph = { sdl: string; ref: string } | { skipped: string };

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

/**
 * The committed supergraph that `file` (its current content) is compared with:
 * - `base` when given (SCHEMA_BASE: a branch, a merge-base, any commit);
 * - else the last commit's, when `file` differs from it (a change not committed yet);
 * - else the previous commit's (HEAD~1: the first parent, for a merge: what it merged into).
 * Without git, history (a shallow clone) or that file in the chosen commit, it says why; a
 * `base` that names no commit throws.
 */
export function previousSupergraph(file: string, base?: string): PreviousSupergraph {
  const cwd = dirname(file);
  const root = git(cwd, ["rev-parse", "--show-toplevel"])?.trim();
  if (!root) return { skipped: "not in a git repository" };
  const path = relative(realpathSync(root), realpathSync(file)).split(sep).join("/");
  const show = (ref: string) => git(cwd, ["show", `${ref}:${path}`]);
  let ref = base;
  if (ref && git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]) === null) throw new Error(`SCHEMA_BASE: no commit ${ref}`);
  if (!ref) {
    const head = show("HEAD");
    if (head === null) return { skipped: `no commit has ${path} yet` };
    if (head !== readFileSync(file, "utf8")) return { sdl: head, ref: "HEAD" };
    if (git(cwd, ["rev-parse", "--verify", "--quiet", "HEAD~1^{commit}"]) === null) {
      const shallow = git(cwd, ["rev-parse", "--is-shallow-repository"])?.trim() === "true";
      return { skipped: shallow ? "a shallow clone without the previous commit (git fetch --deepen=1 to check)" : "no previous commit (a clone without history)" };
    }
    ref = "HEAD~1";
  }
  const sdl = show(ref);
  return sdl === null ? { skipped: `${ref} has no ${path}` } : { sdl, ref };
}
