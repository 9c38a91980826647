// The hub the federated and search benchmarks talk to: the one at BENCH_HUB_URL, or one the
// bench starts (scripts/start.mjs) and stops.
import { relative } from "node:path";
import { busyPorts, embeddedPostgresInUse, HUB_PORTS, spawnHub, waitForExternalHub } from "./hub-process";
import type { Settings } from "./settings";

const HUB_START_TIMEOUT_MS = 180_000;
const EXTERNAL_HUB_TIMEOUT_MS = 15_000;

export interface HubSession {
  gatewayUrl: string;
  startedByBench: boolean;
  /** How long the hub took to become healthy (null for a running hub). */
  startMs: number | null;
  stop(): Promise<void>;
}

/** Starts the hub (or checks the running one); `onSpawn` receives its stop function at once, for Ctrl-C. */
export async function openHub(settings: Settings, root: string, logPath: string, onSpawn: (stop: () => Promise<void>) => void): Promise<HubSession> {
  const gatewayUrl = settings.hubUrl ?? "http://127.0.0.1:4000";
  if (settings.hubUrl) {
    console.log(`using the running hub at ${gatewayUrl} (BENCH_HUB_URL)`);
    await waitForExternalHub(gatewayUrl, EXTERNAL_HUB_TIMEOUT_MS);
    return { gatewayUrl, startedByBench: false, startMs: null, stop: async () => {} };
  }
  const busy = await busyPorts(HUB_PORTS);
  if (busy.length > 0) {
    throw new Error(`port(s) ${busy.join(", ")} already in use on 127.0.0.1: is a hub already running? Stop it, or benchmark it with BENCH_HUB_URL=http://127.0.0.1:4000`);
  }
  const postgresPort = await embeddedPostgresInUse();
  if (postgresPort !== null) console.log(`note: port ${postgresPort} is taken, so the hub reuses that PostgreSQL server instead of starting one in ${relative(root, settings.dataDir)}`);
  console.log(`starting the hub: node scripts/start.mjs, HUB_DATA_DIR=${relative(root, settings.dataDir)}, output in ${relative(root, logPath)} ...`);
  const hub = spawnHub({ root, dataDir: settings.dataDir, gatewayUrl, logPath });
  const stop = async () => {
    console.log("stopping the hub ...");
    await hub.stop();
    console.log("hub stopped");
  };
  onSpawn(stop);
  const startMs = await hub.waitUntilHealthy(HUB_START_TIMEOUT_MS);
  console.log(`hub healthy after ${(startMs / 1000).toFixed(1)} s`);
  return { gatewayUrl, startedByBench: true, startMs, stop };
}
