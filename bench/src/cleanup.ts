// What the run must release at the end, also on failure or Ctrl-C: newest first, each once.
export interface Cleanups {
  /** Registers `release`; the returned function runs it now (once) and unregisters it when it is done. */
  add(label: string, release: () => Promise<void>): () => Promise<void>;
  /** Runs every registered release, newest first, and waits for those already under way; a failing one is reported, not fatal. */
  runAll(): Promise<void>;
}

export function createCleanups(): Cleanups {
  /** Registered and not finished (including releases under way, so runAll waits for them). */
  const pending: { label: string; run: () => Promise<void> }[] = [];
  return {
    add(label, release) {
      let done: Promise<void> | undefined;
      const entry = {
        label,
        run: () =>
          (done ??= release().finally(() => {
            const index = pending.indexOf(entry);
            if (index >= 0) pending.splice(index, 1);
          })),
      };
      pending.push(entry);
      return entry.run;
    },
    async runAll() {
      while (pending.length > 0) {
        const entry = pending[pending.length - 1];
        // Finished, even when it failed: it leaves `pending` either way.
        await entry.run().catch((error: unknown) => console.error(`bench: could not ${entry.label}: ${error instanceof Error ? error.message : String(error)}`));
      }
    },
  };
}
