import { readFileSync } from "node:fs";
import { join } from "node:path";

export { composeSupergraph, staleFiles, type Composition } from "./compose";
export { SUBGRAPHS } from "./subgraphs";
export { apiSchemaOf, readDeclaredChanges, schemaChanges, type DeclaredChange, type SchemaChanges } from "./breaking-changes";
export { keepAnsweringViolations, type KeepAnsweringViolation } from "./keep-answering";
export { previousSupergraph, type PreviousSupergraph } from "./previous-supergraph";
export { checkSupergraphChanges, type GovernanceOptions } from "./supergraph-governance";

/** The committed supergraph SDL. */
export function readSupergraph(): string {
  return readFileSync(join(__dirname, "..", "supergraph.graphql"), "utf8");
}
