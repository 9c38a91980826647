import { readFileSync } from "node:fs";
import { join } from "node:path";

export { composeSupergraph, staleFiles, type Composition } from "./compose";
export { SUBGRAPHS } from "./subgraphs";

/** The committed supergraph SDL. */
export function readSupergraph(): string {
  return readFileSync(join(__dirname, "..", "supergraph.graphql"), "utf8");
}
