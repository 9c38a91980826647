import { specifiedRules, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from "graphql";
import { directivesRule } from "./directives.rule";
import { hasNul, invalidCharacter, nulCharacterRule } from "./nul-character.rule";
import type { OperationLimits } from "./operation-limits";
import { operationLimitsRule } from "./operation-limits.rule";
import { scalarLiteralsRule } from "./scalar-literals.rule";

/** The gateway's own checks of a valid document, run before any subgraph is called. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits | null,
  onCost?: (cost: number) => void,
): readonly GraphQLError[] {
  if (hasNul(variables)) return [invalidCharacter()];
  const rules: ValidationRule[] = [nulCharacterRule, scalarLiteralsRule];
  if (limits) rules.push(directivesRule(limits.maxDirectives), operationLimitsRule(limits, variables ?? {}, onCost));
  return validate(schema, document, rules);
}

/** graphql-js's own validation, then ours: for WebSocket operations, which Apollo does not see first. `onCost` is told the measured cost. */
export function validateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits | null,
  onCost?: (cost: number) => void,
): readonly GraphQLError[] {
  const errors = validate(schema, document, specifiedRules);
  return errors.length > 0 ? errors : checkOperation(schema, document, variables, limits, onCost);
}
