export * from "./database-provisioning";
export * from "./embedded-postgres";
export * from "./embedded-postgres-folders";
