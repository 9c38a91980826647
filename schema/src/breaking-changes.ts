import { Supergraph } from "@apollo/federation-internals";
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from "graphql";
import { existsSync, readFileSync } from "node:fs";

/** One declared breaking change of schema/breaking-changes.json. */
export interface DeclaredChange {
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** Its path, e.g. Project.legacyCode. */
  path: string;
  /** Why the break is accepted (who was told, which clients were checked). */
  reason: string;
}

export interface SchemaChanges {
  /** Breaking changes neither deprecated first nor declared: the check fails on these. */
  breaking: Change[];
  /** Removals of what the previous schema already marked deprecated. */
  deprecated: Change[];
  /** Breaking changes declared in schema/breaking-changes.json. */
  declared: Change[];
}

/** The API schema clients see (no join__ machinery, no @inaccessible field) of a supergraph SDL. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Reads the declared breaking changes; a missing file declares none. Throws on an entry without type, path or reason. */
export function readDeclaredChanges(path: string): DeclaredChange[] {
  if (!existsSync(path)) return [];
  const entries = JSON.parse(readFileSync(path, "utf8")) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${path}: expected a list of { type, path, reason }`);
  return entries.map((entry: unknown, i) => {
    const { type, path: changePath, reason } = (entry ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries({ type, path: changePath, reason })) {
      if (typeof value !== "string" || value.trim() === "") throw new Error(`${path}: entry ${i} has no ${name}`);
    }
    return { type, path: changePath, reason } as DeclaredChange;
  });
}

/**
 * The changes of the API schema from `previousSdl` to `currentSdl` (two supergraphs) that break
 * clients, by graphql-inspector's criticality: a breaking removal of a field, argument, input
 * field or enum value that the previous schema marked deprecated is not counted (its
 * deprecation path was declared), nor one listed in `declared`.
 */
export async function schemaChanges(previousSdl: string, currentSdl: string, declared: DeclaredChange[] = []): Promise<SchemaChanges> {
  const previous = apiSchemaOf(previousSdl);
  const changes = (await diff(previous, apiSchemaOf(currentSdl))).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const result: SchemaChanges = { breaking: [], deprecated: [], declared: [] };
  for (const change of changes) {
    if (wasDeprecated(previous, change)) result.deprecated.push(change);
    else if (declared.some((d) => d.type === change.type && d.path === change.path)) result.declared.push(change);
    else result.breaking.push(change);
  }
  return result;
}

const REMOVALS = new Set(["FIELD_REMOVED", "FIELD_ARGUMENT_REMOVED", "INPUT_FIELD_REMOVED", "ENUM_VALUE_REMOVED"]);

/** Whether the change removes something the previous schema marked deprecated. */
function wasDeprecated(previous: GraphQLSchema, change: Change): boolean {
  if (!REMOVALS.has(String(change.type)) || !change.path) return false;
  const [typeName, member, argument] = change.path.split(".") as [string, string | undefined, string | undefined];
  const type = previous.getType(typeName);
  let reason: string | null | undefined;
  if (isEnumType(type)) reason = type.getValues().find((v) => v.name === member)?.deprecationReason;
  else if (isInputObjectType(type)) reason = Object.values(type.getFields()).find((f) => f.name === member)?.deprecationReason;
  else if (isObjectType(type) || isInterfaceType(type)) {
    const field = Object.values(type.getFields()).find((f) => f.name === member);
    reason = argument === undefined ? field?.deprecationReason : field?.args.find((a) => a.name === argument)?.deprecationReason;
  }
  return reason != null;
}
