/** Test and demo code only (tests, `npm start`, the bench): reached as `@hub/funding/stand-in`, never from the production entry point. */
export { createAidesTerritoiresStandIn, type StandIn, type StandInOptions } from "./aides-territoires.stand-in";
export type { Fault, FaultPlan, StandInStats } from "./faults";
