export { readFundingConfig, type FundingConfig } from "./config";
export { buildFundingSchema } from "./schema";
export { createFundingServer, ENTITIES, MIGRATIONS } from "./server";
export { AidesTerritoiresClient } from "./services/aides-territoires.client";
