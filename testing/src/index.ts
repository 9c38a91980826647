/** The shared test harness: a whole hub in-process (`startHub`), demo accounts, WebSocket and cookie helpers. */
export * from "./hub";
export * from "./ws-operation";
export * from "./raw-ws-client";
export * from "./request-id";
export * from "./browser";
export * from "./chromium-path";
export { TEMPLATES } from "./templates";
