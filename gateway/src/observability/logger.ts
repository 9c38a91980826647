import type { Logger } from "@hub/kit";
import pino from "pino";

export type JsonLogger = pino.Logger;

/** Log lines are written in batches of this many bytes … */
const BATCH_BYTES = 4096;
/** … or at least this often, so that a quiet gateway's lines are not held back. */
const FLUSH_EVERY_MS = 1000;

/**
 * The gateway's logs: one JSON object per line on stdout (pino), `{level, time, service, msg, …}`,
 * from `level` up. `logger` is the same, behind the kit's Logger interface
 * (`info`/`warn`/`error` of a message), for the code that logs a sentence.
 *
 * Lines are written in batches (4 KiB, or every second, and at exit): one write per line was 6%
 * of the gateway's CPU under load (a line per operation). `close` writes what is left.
 */
export function createGatewayLogger(level: string): { json: JsonLogger; logger: Logger; close: () => void } {
  const destination = pino.destination({ dest: 1, minLength: BATCH_BYTES, sync: false });
  const json = pino({ base: { service: "gateway" }, level, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  const flusher = setInterval(() => flush(() => destination.flush()), FLUSH_EVERY_MS);
  flusher.unref();
  return {
    json,
    logger: {
      info: (message) => json.info(message),
      warn: (message) => json.warn(message),
      error: (message) => json.error(message),
    },
    close: () => {
      clearInterval(flusher);
      flush(() => destination.flushSync());
    },
  };
}

/** A flush that cannot throw: a destination not open yet or already closed has nothing to write. */
function flush(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing to write.
  }
}
