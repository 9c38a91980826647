export { createGatewayLogger, type JsonLogger } from "./logger";
export { GatewayMetrics, metricsRouter } from "./metrics";
export { observabilityPlugin } from "./observability.plugin";
export { tracingPlugin } from "./tracing.plugin";
export { assignRequestId, REQUEST_ID_HEADER, requestIdFrom } from "./request-id";
