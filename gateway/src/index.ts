export { DEV_SESSION_SECRET, readGatewayConfig, type GatewayConfig } from "./config";
export { createGatewayServer } from "./server";
export { signSession, SESSION_AUDIENCE } from "./auth/session";
export type { ProConnectOptions } from "./auth/proconnect.route";
export { SubgraphDataSource } from "./subgraph-data-source";
export { REQUEST_ID_HEADER } from "./observability";
