import type { ASTVisitor, ValidationContext, ValidationRule } from "graphql";
import { tooComplex } from "./too-complex.error";

/** Directives written anywhere in the document (a cheap way to make validation slow otherwise). */
export function directivesRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0;
    return {
      Directive() {
        count++;
      },
      Document: {
        leave() {
          if (count > max) context.reportError(tooComplex("directives", max, count));
        },
      },
    };
  };
}
