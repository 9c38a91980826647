/** Test and demo code only (tests, `npm start`, the bench): reached as `@hub/reporting/stand-in`, never from the production entry point. */
export { createGristStandIn, DEV_GRIST_API_KEY, type GristStandIn, type GristStandInOptions, type GristStandInStats, type StandInCellValue, type StandInTable } from "./grist.stand-in";
