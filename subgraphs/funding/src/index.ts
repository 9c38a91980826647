export { readFundingConfig, type FundingConfig } from "./config";
export { buildFundingSchema } from "./schema";
export { createFundingServer, ENTITIES, MIGRATIONS, type FundingServer } from "./server";
export { AidesTerritoiresClient } from "./clients/aides-territoires.client";
