import type { DocumentNode, GraphQLSchema } from "graphql";

/** Distinct variable sets remembered per document: past it, that document's list starts over. */
const MAX_VARIABLE_SETS = 256;
/** Variables longer than this (as JSON) are checked every time: not worth keeping as a key. */
const MAX_KEY_LENGTH = 2048;

/**
 * The operations that passed the gateway's checks, so that the same operation with the same
 * variables is not walked again on every request (the checks were a measurable part of a
 * small query's CPU). Keyed on the schema and the parsed document (the objects Apollo keeps
 * in its document cache: a new schema or a new parse starts afresh), then on the caller's cost
 * budget and the variables (which set `first`, hence the cost, and may carry a NUL), with the
 * cost measured (a key's budget per minute spends it). Only successes are remembered: a
 * refused operation is checked, and refused, every time.
 */
export class CheckedOperations {
  private readonly bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

  /** The key of an operation's variables and budget, or null when it is not worth remembering. */
  keyOf(maxCost: number | null, variables: Record<string, unknown> | undefined): string | null {
    const key = `${maxCost ?? "-"}\n${JSON.stringify(variables ?? {})}`;
    return key.length <= MAX_KEY_LENGTH ? key : null;
  }

  /** The cost of an operation that passed with these variables and budget, else null. */
  passed(schema: GraphQLSchema, document: DocumentNode, key: string | null): number | null {
    return key === null ? null : (this.bySchema.get(schema)?.get(document)?.get(key) ?? null);
  }

  remember(schema: GraphQLSchema, document: DocumentNode, key: string | null, cost: number): void {
    if (key === null) return;
    let documents = this.bySchema.get(schema);
    if (!documents) this.bySchema.set(schema, (documents = new WeakMap()));
    let keys = documents.get(document);
    if (!keys) documents.set(document, (keys = new Map<string, number>()));
    if (keys.size >= MAX_VARIABLE_SETS) keys.clear();
    keys.set(key, cost);
  }
}
