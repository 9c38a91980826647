export * from "./cog";
export * from "./csv";
