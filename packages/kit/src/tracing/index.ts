export * from "./config";
export * from "./exporter";
export * from "./http";
export * from "./span";
export * from "./sql";
export * from "./tracer";
