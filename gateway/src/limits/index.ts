export { checkOperation, validateOperation } from "./check-operation";
export { limitsFor, limitsPlugin } from "./limits.plugin";
export { hasNul, invalidCharacter } from "./nul-character.rule";
export type { OperationLimits } from "./operation-limits";
export { tokenLimitError, tooComplex } from "./too-complex.error";
