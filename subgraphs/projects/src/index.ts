export { readProjectsConfig, type ProjectsConfig } from "./config";
export { buildProjectsSchema } from "./schema";
export { createProjectsServer, ENTITIES, MIGRATIONS } from "./server";
export { seedDemoProjects } from "./services/demo-projects";
export type { S3Options } from "./services/s3-storage";
