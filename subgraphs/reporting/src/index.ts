export { readReportingConfig, type ReportingConfig } from "./config";
export { buildReportingSchema } from "./schema";
export { createReportingServer, ENTITIES, MIGRATIONS } from "./server";
