/** Test and demo code only (tests, `npm start`, the bench): reached as `@hub/funding/stand-in`, never from the production entry point. */
export { createAidesTerritoiresStandIn, type StandIn, type StandInOptions } from "./aides-territoires.stand-in";
export type { Fault, FaultPlan, StandInStats } from "./faults";
export { createDemarchesSimplifieesStandIn, defaultDemarches, demarchesSimplifieesSchema, type DsFault, type DsRoute, type DsStandIn, type DsStandInOptions } from "./demarches-simplifiees.stand-in";
export { DossierStore, type DsState, type StandInDemarche, type StandInDossier } from "./demarches-simplifiees.state";
