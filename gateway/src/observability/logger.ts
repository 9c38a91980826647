import type { Logger } from "@hub/kit";
import pino from "pino";

export type JsonLogger = pino.Logger;

/**
 * The gateway's logs: one JSON object per line on stdout (pino), `{level, time, service, msg, …}`,
 * from `level` up. `logger` is the same, behind the kit's Logger interface
 * (`info`/`warn`/`error` of a message), for the code that logs a sentence.
 */
export function createGatewayLogger(level: string): { json: JsonLogger; logger: Logger } {
  const json = pino({ base: { service: "gateway" }, level, timestamp: pino.stdTimeFunctions.isoTime });
  return {
    json,
    logger: {
      info: (message) => json.info(message),
      warn: (message) => json.warn(message),
      error: (message) => json.error(message),
    },
  };
}
