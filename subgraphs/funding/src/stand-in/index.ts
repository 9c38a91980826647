// Test and demonstration only: the Aides-Territoires stand-in, imported as "@hub/funding/stand-in"
// (never from the subgraph's production entry point).
export { createAidesTerritoiresStandIn, type StandIn, type StandInOptions } from "./aides-territoires.stand-in";
export type { Fault, FaultPlan, StandInStats } from "./faults";
