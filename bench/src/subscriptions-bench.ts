// The "subscriptions" benchmark: N subscribers (default 1,000), each a graphql-ws protocol client with
// its own WebSocket to the gateway, subscribed to the activity of the Puy-de-Dôme, while
// camille comments a submitted project every 10 ms for S seconds (default 30) through the
// gateway. The gateway shares one upstream subscription between subscribers of the same
// operation and variables as the same viewer, so the benchmark runs one round per entry of
// BENCH_SUB_VIEWERS (default 1 and 1,000), one after the other on the same hub: in a round
// with V viewers, subscriber i signs in with token i % V (julien's own, then agents of his DDT
// real accounts the bench invites and signs in once), and the gateway must hold V upstreams. Each
// round measures delivery latency per (event, subscriber), checks that every subscriber got
// every comment exactly once and in order, and reads the memory per subscriber and the CPU of
// the gateway and the projects subgraph from /proc.
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { HUB_PORT } from "./hub-process";
import { findServicePid } from "./hub-processes";
import type { ProjectsHub } from "./inbox-bench";
import { CAMILLE, ensureSeeded, JULIEN } from "./projects-seed";
import type { BenchOutcome } from "./report";
import { demoViewer, devSessionToken, endpoints, internalHeaders } from "./scenarios";
import type { Settings } from "./settings";
import { viewerTokens } from "./subscription-viewers";
import { printRoundsSummary } from "./subscriptions-report";
import { runRound, type RoundContext } from "./subscriptions-round";

/** Pause between rounds, after the gateway has dropped the last round's subscribers, so its memory settles. */
const BETWEEN_ROUNDS_MS = 5000;

export async function runSubscriptionsBench(hub: ProjectsHub, settings: Settings): Promise<BenchOutcome> {
  const urls = endpoints(hub.gatewayUrl);
  const secret = process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET;
  const julienToken = await devSessionToken(hub.gatewayUrl, JULIEN);
  const camilleToken = await devSessionToken(hub.gatewayUrl, CAMILLE);
  const julienViewer = await demoViewer(urls.peopleTerritories, secret, JULIEN);
  const julien = internalHeaders(julienViewer, secret);
  const camille = internalHeaders(await demoViewer(urls.peopleTerritories, secret, CAMILLE), secret);
  const projectIds = (await ensureSeeded(urls.projects, camille, julien, settings.timeoutMs)).listing.benchIds;

  const pids = { gateway: findServicePid("gateway/dist/main.js", hub.startPid, HUB_PORT.gateway), projects: findServicePid("subgraphs/projects/dist/main.js", hub.startPid, HUB_PORT.projects) };
  console.log(`gateway pid ${pids.gateway ?? "not found"}, projects subgraph pid ${pids.projects ?? "not found"}`);
  const context: RoundContext = { settings, urls, gatewayUrl: hub.gatewayUrl, camilleToken, julien, projectIds, pids };

  // One round per viewer count; a round that fails (or throws) does not stop the next one.
  const failures: string[] = [];
  const rounds: Record<string, Record<string, unknown>> = {};
  for (const [index, viewers] of settings.subViewers.entries()) {
    const key = `viewers=${viewers}`;
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, BETWEEN_ROUNDS_MS));
    const title = `-- round ${index + 1} of ${settings.subViewers.length}: ${key}, ${settings.subscribers} subscribers as ${viewers} distinct viewer${viewers === 1 ? "" : "s"} `;
    console.log(`\n${title}${"-".repeat(Math.max(0, 72 - title.length))}`);
    try {
      const outcome = await runRound(context, await viewerTokens(viewers, julienToken, julienViewer, urls.peopleTerritories, secret), index > 0);
      rounds[key] = { ok: outcome.failures.length === 0, failures: outcome.failures, ...outcome.result };
      failures.push(...outcome.failures.map((failure) => `${key}: ${failure}`));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rounds[key] = { ok: false, error: message };
      failures.push(`${key}: ${message}`);
      console.error(`\n${key} failed: ${message}`);
    }
  }
  printRoundsSummary(rounds);
  return { failures, result: rounds };
}
