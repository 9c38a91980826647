export { readProjectsConfig, type ProjectsConfig } from "./config";
export { buildProjectsSchema } from "./schema";
export { createProjectsServer, ENTITIES, MIGRATIONS } from "./server";
export { seedDemoProjects } from "./demo/demo-projects";
export { DEMO_QUESTIONNAIRES } from "./demo/demo-questionnaires";
export type { S3Options } from "./clients/s3-storage.client";
export { importProjects, describeImportReport, type ImportReport, type ImportOptions } from "./services/project-import.service";
export { seedNationalPortfolio, SEED_SOURCE, type SeedReport } from "./demo/national-portfolio";
export { scanReminders, type ReminderOptions, type ReminderScan } from "./services/reminder.service";
