import type { ASTVisitor, ValidationContext, ValidationRule } from "graphql";
import { measureOperation } from "./operation-measure";
import type { OperationLimits } from "./operation-limits";
import { tooComplex } from "./too-complex.error";

/**
 * Depth, aliases, root fields and estimated cost of each operation, against `limits`.
 * The variables are the request's: a `first: $n` counts with its value.
 */
export function operationLimitsRule(limits: OperationLimits, variables: Record<string, unknown>, onCost: (cost: number) => void = () => undefined): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const measure = measureOperation(context, operation, { variables, defaultPageSize: limits.defaultPageSize, listFactor: limits.listFactor });
      if (measure.depth > limits.maxDepth) context.reportError(tooComplex("depth", limits.maxDepth, measure.depth));
      if (measure.aliases > limits.maxAliases) context.reportError(tooComplex("aliases", limits.maxAliases, measure.aliases));
      if (measure.fields > limits.maxRootFields) context.reportError(tooComplex("rootFields", limits.maxRootFields, measure.fields));
      if (measure.cost > limits.maxCost) context.reportError(tooComplex("cost", limits.maxCost, measure.cost));
      onCost(measure.cost);
      return false;
    },
  });
}
