// The web app's own GraphQL operations, read from its sources (web/src/*.ts) so the benchmark
// sends exactly what the page sends: `export const NAME = gql<...>`...``, with the `${CONSTANT}`
// fragments of field lists it interpolates (string constants of web/src) filled in.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const TEMPLATE = /export const (\w+)\s*=\s*(?:gql(?:<[^`]*?>)?)?`([^`]*)`/g;
const STRING = /export const (\w+)\s*=\s*'([^']*)'/g;

/** Every exported template or single-quoted string constant of web/src, by name. */
function webConstants(root: string): Map<string, string> {
  const dir = join(root, "web", "src");
  const constants = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const pattern of [TEMPLATE, STRING]) for (const [, name, value] of text.matchAll(pattern)) constants.set(name, value);
  }
  return constants;
}

/** The text of the web app's operation `name` (e.g. "PROJECT_LIST_QUERY"); throws if absent. */
export function webOperation(root: string, name: string): string {
  const constants = webConstants(root);
  const fill = (text: string, depth = 0): string =>
    text.replace(/\$\{(\w+)\}/g, (_, constant: string) => {
      const value = constants.get(constant);
      if (value === undefined || depth > 5) throw new Error(`web/src: no string constant ${constant} (used in ${name})`);
      return fill(value, depth + 1);
    });
  const operation = constants.get(name);
  if (!operation) throw new Error(`web/src: no operation ${name}`);
  return fill(operation).replace(/\s+/g, " ").trim();
}
