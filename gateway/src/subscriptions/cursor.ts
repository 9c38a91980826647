import { Kind, parse, print, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/** Alias of the cursor field the gateway adds to the upstream subscription. */
export const CURSOR_ALIAS = "__hubCursor";
/** Variable through which the gateway sets `after` on (re)subscription. */
export const AFTER_VARIABLE = "__hubAfter";

export interface ResumableOperation {
  /** The upstream operation, with `after: $__hubAfter` and `__hubCursor: id` on its root field. */
  operation: string;
  /** The root field's response key, where events are. */
  rootKey: string;
  /** The client's own `after`, if it gave one. */
  initialAfter: string | null;
  /** The variable that carries `after` upstream: the client's own, or one the gateway adds. */
  afterVariable: string;
}

/**
 * Makes a subscription fetch resumable: its root field reads `after` from a variable the
 * gateway controls, and selects the event id under an alias, so the gateway knows the last
 * cursor and can resume after it when the upstream connection drops.
 */
export function makeResumable(operation: string, variables: Record<string, unknown>): ResumableOperation {
  const document = parse(operation);
  const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!definition) throw new Error("Subscription fetch without an operation");
  const root = definition.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  if (!root?.selectionSet) throw new Error("Subscription fetch without a root field selecting the event");
  const rootSelections = root.selectionSet;
  const given = root.arguments?.find((a) => a.name.value === "after")?.value;
  const initialAfter = given?.kind === Kind.STRING ? given.value : given?.kind === Kind.VARIABLE ? ((variables[given.name.value] as string | null | undefined) ?? null) : null;
  const rootKey = root.alias?.value ?? root.name.value;
  // The client's `after` variable already flows upstream: set it. Else add one.
  if (given?.kind === Kind.VARIABLE) {
    return { operation: print(withCursorField(document, definition, root, rootSelections)), rootKey, initialAfter, afterVariable: given.name.value };
  }
  const withAfter: OperationDefinitionNode = {
    ...definition,
    variableDefinitions: [
      ...(definition.variableDefinitions ?? []),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: "String" } },
      },
    ],
    selectionSet: {
      ...definition.selectionSet,
      selections: definition.selectionSet.selections.map((s) =>
        s !== root
          ? s
          : {
              ...root,
              arguments: [
                ...(root.arguments ?? []).filter((a) => a.name.value !== "after"),
                { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "after" }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } } },
              ],
              selectionSet: { ...rootSelections, selections: [...rootSelections.selections, cursorField()] },
            },
      ),
    },
  };
  const rewritten: DocumentNode = { ...document, definitions: document.definitions.map((d) => (d !== definition ? d : withAfter)) };
  return { operation: print(rewritten), rootKey, initialAfter, afterVariable: AFTER_VARIABLE };
}

/** `__hubCursor: id`, the field added to the root field. */
function cursorField(): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: CURSOR_ALIAS }, name: { kind: Kind.NAME, value: "id" } };
}

/** The same operation with `__hubCursor: id` added to its root field. */
function withCursorField(document: DocumentNode, definition: OperationDefinitionNode, root: FieldNode, rootSelections: SelectionSetNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d !== definition
        ? d
        : {
            ...definition,
            selectionSet: {
              ...definition.selectionSet,
              selections: definition.selectionSet.selections.map((s) => (s !== root ? s : { ...root, selectionSet: { ...rootSelections, selections: [...rootSelections.selections, cursorField()] } })),
            },
          },
    ),
  };
}
