/** Test and demo code only (tests, `npm start`, the bench): reached as `@hub/funding/stand-in`, never from the production entry point. */
export { createAidesTerritoiresStandIn } from "./aides-territoires.stand-in";
export { createDemarchesSimplifieesStandIn, defaultDemarches, demarchesSimplifieesSchema, type DsFault, type DsRoute, type DsStandIn, type DsStandInOptions } from "./demarches-simplifiees.stand-in";
export { DossierStore, type DsState, type StandInDemarche, type StandInDossier } from "./demarches-simplifiees.state";
