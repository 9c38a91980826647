import { GraphQLError, getNamedType, isScalarType, type ASTVisitor, type GraphQLScalarType, type ValueNode, type ValidationContext, type ValidationRule } from "graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";

/**
 * The subgraphs' own scalars, which the supergraph only names: the gateway would pass a value
 * written in the operation on unread, for the subgraph's validation to refuse it with HTTP 400
 * (an internal error for the caller). Variables are read by the subgraph and refused there as
 * BAD_USER_INPUT, which the gateway passes on.
 */
const SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map([["DateTimeISO", GraphQLDateTimeISO]]);

/** A literal of one of the subgraphs' scalars that the scalar cannot read: BAD_USER_INPUT, before any subgraph is called. */
export const scalarLiteralsRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  const check = (node: ValueNode) => {
    const type = getNamedType(context.getInputType());
    const scalar = type && isScalarType(type) ? SCALARS.get(type.name) : undefined;
    if (!scalar) return;
    try {
      scalar.parseLiteral(node, undefined);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      context.reportError(new GraphQLError(`${scalar.name}: ${reason}`, { nodes: node, extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } }));
    }
  };
  return { StringValue: check, IntValue: check, FloatValue: check, BooleanValue: check };
};
