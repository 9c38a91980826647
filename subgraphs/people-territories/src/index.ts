export { readPeopleTerritoriesConfig, type PeopleTerritoriesConfig } from "./config";
export { buildPeopleTerritoriesSchema } from "./schema";
export { createPeopleTerritoriesServer, ENTITIES, MIGRATIONS } from "./server";
export { DEMO_ACCOUNTS } from "./services/demo-accounts";
export { importMap, buildMap, describeImport } from "./services/cog-import.service";
