// The hub the federated and search benchmarks talk to: the one at BENCH_HUB_URL, or one the
// bench starts (scripts/start.mjs) and stops.
import { relative } from "node:path";
import { busyPorts, embeddedPostgresInUse, HUB_PORT, HUB_PORTS, spawnHub, waitForExternalHub } from "./hub-process";
import type { Settings } from "./settings";

const HUB_START_TIMEOUT_MS = 180_000;
const EXTERNAL_HUB_TIMEOUT_MS = 15_000;

export interface HubSession {
  gatewayUrl: string;
  startedByBench: boolean;
  /** How long the hub took to become healthy (null for a running hub). */
  startMs: number | null;
  /** The pid of the start.mjs the bench spawned (undefined for a running hub). */
  startPid: number | undefined;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** HUB_DATA_DIR of the hub the bench starts. */
  dataDir: string;
  /** Refuse to start when the embedded PostgreSQL port is taken (start.mjs would write into that server, not into `dataDir`). */
  ownPostgres?: boolean;
}

/** Starts the hub (or checks the running one); `onSpawn` receives its stop function at once, for Ctrl-C. */
export async function openHub(settings: Settings, options: HubOptions, root: string, logPath: string, onSpawn: (stop: () => Promise<void>) => void): Promise<HubSession> {
  const gatewayUrl = settings.hubUrl ?? `http://127.0.0.1:${HUB_PORT.gateway}`;
  if (settings.hubUrl) {
    console.log(`using the running hub at ${gatewayUrl} (BENCH_HUB_URL)`);
    await waitForExternalHub(gatewayUrl, EXTERNAL_HUB_TIMEOUT_MS);
    return { gatewayUrl, startedByBench: false, startMs: null, startPid: undefined, stop: async () => {} };
  }
  const busy = await busyPorts(HUB_PORTS);
  if (busy.length > 0) {
    throw new Error(`port(s) ${busy.join(", ")} already in use on 127.0.0.1: is a hub already running? Stop it, or benchmark it with BENCH_HUB_URL=http://127.0.0.1:4000`);
  }
  const postgresPort = settings.databaseUrl ? null : await embeddedPostgresInUse();
  if (postgresPort !== null && options.ownPostgres) {
    throw new Error(
      `port ${postgresPort} is taken: the hub would reuse that PostgreSQL server, and the bench would write its projects into it instead of ${relative(root, options.dataDir)}. Stop that server, or benchmark a running hub with BENCH_HUB_URL`,
    );
  }
  if (postgresPort !== null) console.log(`note: port ${postgresPort} is taken, so the hub reuses that PostgreSQL server instead of starting one in ${relative(root, options.dataDir)}`);
  console.log(`starting the hub: node scripts/start.mjs, HUB_DATA_DIR=${relative(root, options.dataDir)}, output in ${relative(root, logPath)} ...`);
  const hub = spawnHub({ root, dataDir: options.dataDir, gatewayUrl, logPath });
  const stop = async () => {
    console.log("stopping the hub ...");
    await hub.stop();
    console.log("hub stopped");
  };
  onSpawn(stop);
  const startMs = await hub.waitUntilHealthy(HUB_START_TIMEOUT_MS);
  console.log(`hub healthy after ${(startMs / 1000).toFixed(1)} s`);
  return { gatewayUrl, startedByBench: true, startMs, startPid: hub.pid, stop };
}
