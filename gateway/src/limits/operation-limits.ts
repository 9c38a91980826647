/** The limits an operation must stay within, checked at the gateway before any subgraph call. */
export interface OperationLimits {
  /** Deepest field nesting (introspection fields not counted). */
  maxDepth: number;
  /** Aliased fields in the operation, fragments expanded. */
  maxAliases: number;
  /** Fields at the root of the operation, fragments expanded. */
  maxRootFields: number;
  /** Directives written in the document. */
  maxDirectives: number;
  /** Lexical tokens of the document (the parser stops past it). */
  maxTokens: number;
  /** Estimated cost: objects the operation may return (see operation-measure.ts). */
  maxCost: number;
  /** The page size of a connection read without `first`. */
  defaultPageSize: number;
  /** The assumed length of a list field read without `first`. */
  listFactor: number;
}
