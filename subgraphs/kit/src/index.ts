import "reflect-metadata";

export * from "./config";
export * from "./bulk";
export * from "./context";
export * from "./database";
export * from "./embedded-postgres";
export * from "./errors";
export * from "./jwt";
export * from "./loaders";
export * from "./logger";
export * from "./pagination";
export * from "./schema";
export * from "./server";
export * from "./service";
export * from "./subgraph-client";
export * from "./viewer";
export * from "./reference/cog";
export * from "./reference/csv";
