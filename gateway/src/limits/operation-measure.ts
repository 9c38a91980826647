import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from "graphql";

/** What an operation asks for, fragments expanded (each measured once, however often spread). */
export interface Measure {
  /** Deepest nesting of fields (a leaf counts 1); introspection fields are not counted. */
  depth: number;
  /** Aliased fields. */
  aliases: number;
  /** Fields at this level (the root fields, for an operation). */
  fields: number;
  /**
   * Estimated objects returned: each object-typed field counts once per parent object; a list
   * multiplies what it holds by its `first` argument, a connection's edges/nodes by its `first`
   * (or the default page size), any other list by a fixed factor. Introspection costs nothing.
   */
  cost: number;
}

export interface MeasureOptions {
  variables: Record<string, unknown>;
  defaultPageSize: number;
  listFactor: number;
}

const ZERO: Measure = { depth: 0, aliases: 0, fields: 0, cost: 0 };

/** A Relay connection: an object type named …Connection with an `edges` field. */
function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith("Connection") && "edges" in type.getFields();
}

class Measurer {
  private readonly fragments = new Map<string, Measure>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly context: ValidationContext,
    private readonly operation: OperationDefinitionNode,
    private readonly options: MeasureOptions,
  ) {}

  /** `pageSize`: the page size of the connection whose fields these are, else null. */
  selections(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, pageSize: number | null): Measure {
    const total = { ...ZERO };
    const add = (m: Measure) => {
      total.depth = Math.max(total.depth, m.depth);
      total.aliases += m.aliases;
      total.fields += m.fields;
      total.cost += m.cost;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) add(this.field(selection, parent, pageSize));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.compositeType(selection.typeCondition.name.value) : parent;
        if (type) add(this.selections(selection.selectionSet, type, pageSize));
      } else add(this.fragment(selection.name.value, pageSize));
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, pageSize: number | null): Measure {
    const aliases = node.alias ? 1 : 0;
    // Introspection (__schema, __type, __typename) is answered by the gateway itself.
    if (node.name.value.startsWith("__")) return { depth: 0, aliases, fields: 1, cost: 0 };
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!definition || !node.selectionSet) return { depth: 1, aliases, fields: 1, cost: 0 };
    const named = getNamedType(definition.type);
    if (!isCompositeType(named)) return { depth: 1, aliases, fields: 1, cost: 0 };
    const first = this.first(node, definition);
    const list = isListType(getNullableType(definition.type));
    // A connection's own lists (edges, nodes) hold one page; other lists their `first`, or a guess.
    const count = list ? (pageSize ?? first ?? this.options.listFactor) : 1;
    const innerPage = isConnection(named) ? (first ?? this.options.defaultPageSize) : null;
    const inner = this.selections(node.selectionSet, named, innerPage);
    return { depth: 1 + inner.depth, aliases: aliases + inner.aliases, fields: 1, cost: count * (1 + inner.cost) };
  }

  /** Measured once per page size (which matters only for fragments on a connection). */
  private fragment(name: string, pageSize: number | null): Measure {
    const definition: FragmentDefinitionNode | null | undefined = this.context.getFragment(name);
    const type = definition ? this.compositeType(definition.typeCondition.name.value) : undefined;
    if (!definition || !type) return ZERO;
    const page = isConnection(type) ? pageSize : null;
    const key = `${name}:${page}`;
    const known = this.fragments.get(key);
    if (known) return known;
    // A cycle is a validation error reported by graphql-js itself: count it as nothing here.
    if (this.inProgress.has(key)) return ZERO;
    this.inProgress.add(key);
    const measure = this.selections(definition.selectionSet, type, page);
    this.inProgress.delete(key);
    this.fragments.set(key, measure);
    return measure;
  }

  private compositeType(name: string): GraphQLCompositeType | undefined {
    const type = this.context.getSchema().getType(name);
    return type && isCompositeType(type) ? type : undefined;
  }

  /** The field's `first` argument: a literal, a variable's value or its default; null if absent. */
  private first(node: FieldNode, definition: GraphQLField<unknown, unknown>): number | null {
    if (!definition.args.some((arg) => arg.name === "first")) return null;
    const argument = node.arguments?.find((arg) => arg.name.value === "first");
    if (!argument) return null;
    return this.intValue(argument.value);
  }

  private intValue(value: ValueNode): number | null {
    if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value.kind !== Kind.VARIABLE) return null;
    const name = value.name.value;
    const given = this.options.variables[name];
    if (typeof given === "number" && Number.isInteger(given)) return Math.max(0, given);
    if (given !== undefined && given !== null) return null;
    const fallback = this.operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
    return fallback ? this.intValue(fallback) : null;
  }
}

/** Measures one operation of the document being validated. */
export function measureOperation(context: ValidationContext, operation: OperationDefinitionNode, options: MeasureOptions): Measure {
  const schema = context.getSchema();
  const root = schema.getRootType(operation.operation);
  if (!root) return ZERO;
  return new Measurer(context, operation, options).selections(operation.selectionSet, root, null);
}
