import type { SupergraphSdlHook } from "@apollo/gateway";
import type { Logger } from "@hub/kit";
import { readFileSync, unwatchFile, watchFile, type Stats } from "node:fs";

export interface SupergraphWatchOptions {
  /** The composed supergraph (SUPERGRAPH_PATH). */
  path: string;
  /** Its text, read at start. */
  initialSdl: string;
  /** How often the file is looked at (SUPERGRAPH_WATCH_MS); 0: read once, never reloaded. */
  intervalMs: number;
  /**
   * Called with a new supergraph before Apollo Gateway gets it (the federated subscriptions
   * plan on it too); throwing refuses it, and the gateway keeps the one it has.
   */
  beforeUpdate: (supergraphSdl: string) => void;
  logger: Logger;
}

/**
 * Apollo Gateway's `supergraphSdl` hook for a file: the supergraph read at start, then the
 * file is polled (a stat every `intervalMs`, which also sees a file replaced by a rename, as
 * deployments and `npm run compose` do) and a changed text is handed to the gateway. Apollo
 * Gateway swaps its schema and query planner for the next requests; requests already running
 * finish on the old ones, and WebSocket connections stay open. A file that is missing, empty or
 * does not build is refused with a warning, and the previous supergraph keeps serving.
 */
export function watchedSupergraph(options: SupergraphWatchOptions): SupergraphSdlHook {
  return ({ update }) => {
    let current = options.initialSdl;
    if (options.intervalMs <= 0) return Promise.resolve({ supergraphSdl: current });
    const changed = (now: Stats, before: Stats) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
      let next: string;
      try {
        next = readFileSync(options.path, "utf8");
      } catch (error) {
        options.logger.warn(`supergraph ${options.path} unreadable (${(error as Error).message}): the previous one keeps serving`);
        return;
      }
      if (next === current || next.trim() === "") return;
      try {
        options.beforeUpdate(next);
        try {
          update(next);
        } catch (error) {
          options.beforeUpdate(current);
          throw error;
        }
        current = next;
        options.logger.info(`supergraph reloaded from ${options.path}`);
      } catch (error) {
        options.logger.warn(`supergraph ${options.path} refused (${(error as Error).message.split("\n")[0]}): the previous one keeps serving`);
      }
    };
    watchFile(options.path, { interval: options.intervalMs, persistent: false }, changed);
    return Promise.resolve({
      supergraphSdl: current,
      cleanup: () => {
        unwatchFile(options.path, changed);
        return Promise.resolve();
      },
    });
  };
}
