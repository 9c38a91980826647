/**
 * A one-line logger: `<time> <service> <level> <message>`, to stdout/stderr; `quiet` keeps only errors.
 * Its functions use no `this`: pass `logger.warn` around as it is.
 */
export interface Logger {
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
}

export function createLogger(service: string, quiet = false): Logger {
  const line = (level: string, message: string) => `${new Date().toISOString()} ${service} ${level} ${message}`;
  return {
    info: (message) => {
      if (!quiet) console.log(line("info", message));
    },
    warn: (message) => {
      if (!quiet) console.warn(line("warn", message));
    },
    error: (message) => console.error(line("error", message)),
  };
}
