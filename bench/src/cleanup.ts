// What the run must release at the end, also on failure or Ctrl-C: newest first, each once.
export interface Cleanups {
  /** Registers `release`; the returned function runs it now (once) and unregisters it. */
  add(label: string, release: () => Promise<void>): () => Promise<void>;
  /** Runs every registered release, newest first; a failing one is reported, not fatal. */
  runAll(): Promise<void>;
}

export function createCleanups(): Cleanups {
  const pending: { label: string; run: () => Promise<void> }[] = [];
  return {
    add(label, release) {
      let done: Promise<void> | undefined;
      const entry = {
        label,
        run: () =>
          (done ??= (async () => {
            const index = pending.indexOf(entry);
            if (index >= 0) pending.splice(index, 1);
            await release();
          })()),
      };
      pending.push(entry);
      return entry.run;
    },
    async runAll() {
      while (pending.length > 0) {
        const entry = pending[pending.length - 1];
        await entry.run().catch((error: unknown) => console.error(`bench: could not ${entry.label}: ${error instanceof Error ? error.message : String(error)}`));
      }
    },
  };
}
