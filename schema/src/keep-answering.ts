import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode, type UnionTypeDefinitionNode } from "graphql";

/**
 * The keep-answering rule of the API contract: a field whose value, or whose selected
 * sub-fields, another subgraph resolves is nullable, so that a failing subgraph costs its own
 * fields only (docs/api-contract.md, "When a subgraph is down"). Read from a supergraph's
 * join__ directives:
 *
 * - a field computed with `@requires` needs another subgraph's fields first: it is nullable;
 * - a field that graph A resolves and whose type (object, interface or union members) has a
 *   non-null field A cannot resolve (an entity A only references, or one that another subgraph
 *   extends with a non-null field) is nullable itself, so that the null stops there; or else those
 *   non-null fields become nullable (the better choice for a field a subgraph adds to another's type).
 *
 * List items are not concerned: a list that A owns is null as a whole (with its error), not a list of nulls.
 */
export interface KeepAnsweringViolation {
  /** `Type.field` that must become nullable (or the fields it names in `missing`). */
  field: string;
  /** The subgraph (join__Graph name, lower-case with dashes) resolving `field`. */
  graph: string;
  /** What another subgraph resolves: `Type.field (graph)`, or the required fields of a @requires. */
  missing: string[];
  message: string;
}

type CompositeNode = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

/** Every violation of the rule in a supergraph SDL (an empty list when the rule holds). */
export function keepAnsweringViolations(supergraphSdl: string): KeepAnsweringViolation[] {
  const graph = new SupergraphView(supergraphSdl);
  const violations: KeepAnsweringViolation[] = [];
  for (const type of graph.composites()) {
    for (const field of type.fields ?? []) {
      if (isInaccessible(field.directives) || field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const path = `${type.name.value}.${field.name.value}`;
      for (const { graph: resolver, requires } of graph.resolversOf(type, field)) {
        if (requires !== undefined) {
          violations.push({
            field: path,
            graph: graph.label(resolver),
            missing: [requires],
            message: `${path} (${graph.label(resolver)}) @requires "${requires}" from another subgraph: make it nullable`,
          });
          continue;
        }
        const missing = graph.missingIn(resolver, namedType(field.type));
        if (missing.length === 0) continue;
        violations.push({
          field: path,
          graph: graph.label(resolver),
          missing,
          message: `${path} (${graph.label(resolver)}) is non-null but another subgraph resolves ${abridged(missing)}: make ${path} nullable, or those fields`,
        });
      }
    }
  }
  return violations;
}

/** The supergraph's types and their join__ directives, per subgraph. */
class SupergraphView {
  private readonly objects = new Map<string, CompositeNode>();
  private readonly unions = new Map<string, UnionTypeDefinitionNode>();
  private readonly labels = new Map<string, string>();

  constructor(sdl: string) {
    for (const definition of parse(sdl).definitions) {
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        if (!isMachinery(definition.name.value)) this.objects.set(definition.name.value, definition);
      } else if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
        this.unions.set(definition.name.value, definition);
      } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === "join__Graph") {
        for (const value of definition.values ?? []) {
          const name = argument(
            value.directives?.find((d) => d.name.value === "join__graph"),
            "name",
          );
          this.labels.set(value.name.value, name ?? value.name.value);
        }
      }
    }
  }

  composites(): CompositeNode[] {
    return [...this.objects.values()].filter((type) => !isInaccessible(type.directives));
  }

  label(graph: string): string {
    return this.labels.get(graph) ?? graph;
  }

  /** The graphs that resolve the field (not as @external), each with what it @requires. */
  resolversOf(type: CompositeNode, field: FieldDefinitionNode): { graph: string; requires?: string }[] {
    const joins = (field.directives ?? []).filter((d) => d.name.value === "join__field");
    if (joins.length === 0 || joins.every((d) => argument(d, "graph") === undefined)) return graphsOf(type).map((graph) => ({ graph }));
    return joins
      .filter((d) => argument(d, "graph") !== undefined && argument(d, "external") !== "true" && argument(d, "usedOverridden") !== "true")
      .map((d) => ({ graph: argument(d, "graph") ?? "", requires: argument(d, "requires") }));
  }

  /** The non-null fields of a type (of each member, for an abstract type) that `graph` cannot resolve: `Type.field (graphs)`. */
  missingIn(graph: string, typeName: string): string[] {
    const missing = new Set<string>();
    for (const type of this.concreteIn(graph, typeName)) {
      for (const field of type.fields ?? []) {
        if (field.type.kind !== Kind.NON_NULL_TYPE || isInaccessible(field.directives)) continue;
        const resolvers = this.resolversOf(type, field);
        if (resolvers.some((r) => r.graph === graph)) continue;
        missing.add(`${type.name.value}.${field.name.value} (${resolvers.map((r) => this.label(r.graph)).join(", ")})`);
      }
    }
    return [...missing];
  }

  /** The object types a value of `typeName` may be in `graph`: itself, a union's members, an interface's implementations. */
  private concreteIn(graph: string, typeName: string): CompositeNode[] {
    const union = this.unions.get(typeName);
    if (union) {
      const members = (union.directives ?? []).filter((d) => d.name.value === "join__unionMember" && argument(d, "graph") === graph).map((d) => argument(d, "member"));
      return members.flatMap((member) => (member && this.objects.has(member) ? [this.objects.get(member) as CompositeNode] : []));
    }
    const type = this.objects.get(typeName);
    if (!type) return [];
    if (type.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      return [...this.objects.values()].filter((candidate) =>
        (candidate.directives ?? []).some((d) => d.name.value === "join__implements" && argument(d, "graph") === graph && argument(d, "interface") === typeName),
      );
    }
    return [type];
  }
}

/** The first fields of a list, then how many more. */
function abridged(fields: string[]): string {
  return fields.length <= 3 ? fields.join(", ") : `${fields.slice(0, 3).join(", ")} and ${fields.length - 3} more`;
}

function graphsOf(type: CompositeNode): string[] {
  return (type.directives ?? []).filter((d) => d.name.value === "join__type").flatMap((d) => argument(d, "graph") ?? []);
}

function argument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN) return String(value.value);
  return undefined;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function isInaccessible(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  return (directives ?? []).some((d) => d.name.value === "inaccessible");
}

function isMachinery(name: string): boolean {
  return name.startsWith("join__") || name.startsWith("link__");
}
