import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from "graphql";

/** PostgreSQL refuses U+0000 in text: an input carrying one is the caller's mistake. */
export function invalidCharacter(): GraphQLError {
  return new GraphQLError("Invalid character in input", { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
}

export function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\u0000") || hasNul(item));
  return false;
}

/** A NUL in a string literal of the document (arguments, defaults). */
export const nulCharacterRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let reported = false;
  return {
    StringValue(node) {
      if (!reported && node.value.includes("\u0000")) {
        reported = true;
        context.reportError(invalidCharacter());
      }
    },
  };
};
