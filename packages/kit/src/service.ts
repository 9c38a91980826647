/**
 * Runs a service's start function: on failure prints one line and exits 1; on SIGINT/SIGTERM
 * (or when the `npm start` that spawned it disappears) stops it cleanly and exits 0.
 */
export function runService(name: string, start: () => Promise<{ stop(): Promise<void> }>): void {
  start().then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        running.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`${name}: error while stopping on ${signal}: ${oneLine(error)}`);
            process.exit(1);
          },
        );
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
      // Started by `npm start` (an IPC channel): stop when it goes away.
      if (process.connected) process.on("disconnect", () => stop("disconnect"));
    },
    (error: unknown) => {
      console.error(`${name} failed to start: ${oneLine(error)}`);
      process.exit(1);
    },
  );
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
  return `${message.split("\n")[0]}${code && !message.includes(code) ? ` (${code})` : ""}`;
}
