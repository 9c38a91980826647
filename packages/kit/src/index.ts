import "reflect-metadata";

export * from "./config";
export * from "./context";
export * from "./database";
export * from "./errors";
export * from "./http-errors";
export * from "./jwt";
export * from "./loaders";
export * from "./logger";
export * from "./pagination";
export * from "./policy";
export * from "./retry-after";
export * from "./schema";
export * from "./server";
export * from "./service";
export * from "./subgraph-client";
export * from "./subscriptions";
export * from "./viewer";
