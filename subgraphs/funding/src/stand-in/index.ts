/** Test and demo code only (tests, `npm start`, the bench): reached as `@hub/funding/stand-in`, never from the production entry point. */
export { createAidesTerritoiresStandIn } from "./aides-territoires.stand-in";
