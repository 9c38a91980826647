export { readFundingConfig, type FundingConfig } from "./config";
export { buildFundingSchema } from "./schema";
export { createFundingServer, ENTITIES, MIGRATIONS, type FundingServer } from "./server";
export { AidesTerritoiresClient } from "./clients/aides-territoires.client";
export { DemarchesSimplifieesClient } from "./clients/demarches-simplifiees.client";
export { DS_OPERATIONS } from "./clients/demarches-simplifiees.operations";
export { loadProcedures, parseProcedures, type Procedure } from "./lib/procedures.config";
