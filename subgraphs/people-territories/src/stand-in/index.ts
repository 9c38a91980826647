/** Test and demo code only (tests, `npm start`): reached as `@hub/people-territories/stand-in`, never from the production entry point. */
export { startSmtpStandIn, type ReceivedEmail, type SmtpStandIn } from "./smtp.stand-in";
