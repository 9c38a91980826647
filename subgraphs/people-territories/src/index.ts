export { readPeopleTerritoriesConfig, type PeopleTerritoriesConfig } from "./config";
export { buildPeopleTerritoriesSchema } from "./schema";
export { createPeopleTerritoriesServer, ENTITIES, MIGRATIONS } from "./server";
export { DEMO_ACCOUNTS } from "./services/demo-accounts";
export { buildMap, describeImport, ensureMap, importMap } from "./services/cog-import.service";
export { seedDemoAccounts } from "./services/demo-accounts";
export type { BulkResult } from "./lib/sync-table";
