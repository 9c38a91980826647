export { readPeopleTerritoriesConfig, type PeopleTerritoriesConfig } from "./config";
export { buildPeopleTerritoriesSchema } from "./schema";
export { createPeopleTerritoriesServer, ENTITIES, MIGRATIONS } from "./server";
export { DEMO_ACCOUNTS, seedDemoAccounts } from "./demo/demo-accounts";
export { buildMap, describeImport, ensureMap, importMap } from "./services/cog-import.service";
export { normalizeName } from "./lib/names";
export type { BulkResult } from "./lib/sync-table";
export { consumeJournal } from "./services/notification-consumer.service";
export { announcePersonChanged, PERSON_CHANNEL } from "./services/person-feed.service";
