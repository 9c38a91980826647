// One round of the subscriptions benchmark: N subscribers signed in as V distinct viewers
// (subscriber i with token i % V), all subscribed to the activity of the Puy-de-Dôme, while
// camille comments a submitted project every 10 ms. Opens them, proves them live with probe
// comments, reads how many upstream subscriptions the gateway holds, sends the mutations,
// drains, reads the journal back, closes everything and waits until the gateway has let go.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { analyse, type JournalEntry } from "./delivery-analysis";
import { cpuSeconds, rssKiB } from "./hub-processes";
import { percentile } from "./load";
import { sendMutations, type SentMutations } from "./mutation-sender";
import { CAMILLE, JULIEN } from "./projects-seed";
import { ms, type BenchOutcome } from "./report";
import { graphqlOnce, type Endpoints } from "./scenarios";
import type { Settings } from "./settings";
import { gatewaySubscriptions } from "./subscription-viewers";
import { reportSubscriptions } from "./subscriptions-report";
import { openSubscribers } from "./ws-subscribers";

export const TERRITORY = "DEPARTEMENT:63";
const INTERVAL_MS = 10;
const BATCH_SIZE = 50;
const BATCH_TIMEOUT_MS = 30_000;
const SETTLE_MS = 1000;
/** Pause before reading a process's memory after opening or closing the subscribers. */
const MEMORY_SETTLE_MS = 2000;
/** Probe comments sent until every subscriber has received one (each waited for at most PROBE_WAIT_MS). */
const PROBES = 3;
const PROBE_WAIT_MS = 30_000;
/** Mutations awaiting their answer at most (1 s of the schedule); past it the sender falls behind. */
const MAX_IN_FLIGHT = 100;
const CLOSE_TIMEOUT_MS = 15_000;
/** How long the gateway may take to drop its subscribers and upstreams once the clients are closed. */
const RELEASE_TIMEOUT_MS = 15_000;
/** The drain stops when no event at all arrived for this long. */
const QUIET_MS = 5000;
/** The event-loop delay histogram's timer; its samples include it, subtracted when reported. */
const LOOP_RESOLUTION_MS = 10;

const JOURNAL = `query($after: String, $filter: ActivityFilter) { activities(after: $after, first: 500, filter: $filter) { edges { node { id kind project { id } } } pageInfo { hasNextPage endCursor } } }`;

/** What every round shares: the hub, the accounts, the projects, the processes to watch. */
export interface RoundContext {
  settings: Settings;
  urls: Endpoints;
  gatewayUrl: string;
  camilleToken: string;
  /** julien's internal-token headers, to read his journal straight from the projects subgraph. */
  julien: () => Record<string, string>;
  projectIds: string[];
  pids: { gateway: number | null; projects: number | null };
}

/** Runs one round with `tokens.length` distinct viewers; `afterOtherRounds` when the gateway has already served others. */
export async function runRound(context: RoundContext, tokens: string[], afterOtherRounds: boolean): Promise<BenchOutcome> {
  const { settings, urls, pids, projectIds, camilleToken } = context;
  const viewers = tokens.length;

  /** Reads julien's journal after `after` (500 a page, at most `maxPages`). */
  const journal = async (after: string, filter: Record<string, unknown>, maxPages: number, timeoutMs = settings.timeoutMs) => {
    const entries: JournalEntry[] = [];
    for (let page = 0; page < maxPages; page++) {
      const data = (await graphqlOnce(urls.projects, context.julien(), JOURNAL, { after, filter }, timeoutMs)) as {
        activities: { edges: { node: JournalEntry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
      entries.push(...data.activities.edges.map((e) => e.node));
      if (!data.activities.pageInfo.hasNextPage || !data.activities.pageInfo.endCursor) return { entries, complete: true };
      after = data.activities.pageInfo.endCursor;
    }
    return { entries, complete: false };
  };

  // What the gateway holds before the round (0 on the bench's own hub): upstreams are counted from there.
  const idle = await gatewaySubscriptions(context.gatewayUrl);
  const rss = {
    before: { gateway: rssKiB(pids.gateway), projects: rssKiB(pids.projects) },
    connected: { gateway: NaN, projects: NaN },
    peak: { gateway: NaN, projects: NaN },
    after: { gateway: NaN, projects: NaN },
    closed: { gateway: NaN, projects: NaN },
  };

  const mutationCount = Math.round((settings.subSeconds * 1000) / INTERVAL_MS);
  const count = settings.subscribers;
  const wsUrl = urls.gateway.replace(/^http/, "ws");
  const who = viewers === 1 ? `all as ${JULIEN}` : `as ${viewers} viewers (${JULIEN}, and ${viewers - 1} agents of his DDT with his rights, sessions signed by the bench)`;
  console.log(`opening ${count} subscribers to ${wsUrl} ${who}, projectActivity(territoryId: "${TERRITORY}"), ${BATCH_SIZE} at a time ...`);
  const opening = performance.now();
  /** (subscribers connected, gateway VmRSS) after each batch, for a slope less sensitive to one reading. */
  const growth: [number, number][] = [[0, rss.before.gateway]];
  const pool = await openSubscribers(
    { url: wsUrl, tokens, variables: { territoryId: TERRITORY }, count, capacity: mutationCount + PROBES + 100, batchSize: BATCH_SIZE, batchTimeoutMs: BATCH_TIMEOUT_MS },
    (n) => {
      growth.push([n, rssKiB(pids.gateway)]);
      if (n % 250 === 0 && n < count) console.log(`  ${n} connected`);
    },
  );
  const openMs = performance.now() - opening;
  console.log(`${count} connected in ${(openMs / 1000).toFixed(1)} s`);
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    // Readiness: the ack comes before the gateway has its upstream subscription; a probe comment every subscriber receives proves them live.
    let startId = 0;
    let live = 0;
    let probes = 0;
    for (; probes < PROBES && live < count; probes++) {
      await graphqlOnce(
        urls.gateway,
        { authorization: `Bearer ${camilleToken}` },
        `mutation($p: ID!) { addComment(projectId: $p, body: "bench probe") { id } }`,
        { p: projectIds[0] },
        settings.timeoutMs,
      );
      const { entries } = await journal("0", { projectId: projectIds[0] }, 20);
      startId = Number(entries.at(-1)?.id ?? 0);
      live = await until(() => countAtLeast(pool.lastId, startId), count, PROBE_WAIT_MS);
      console.log(`probe ${probes + 1} (activity ${startId}): received by ${live} / ${count} subscribers`);
    }
    const held = await gatewaySubscriptions(context.gatewayUrl);
    const upstreams = { ...held, idleSubscribers: idle.subscribers, idleUpstreams: idle.upstreams, expected: viewers, opened: held.upstreams - idle.upstreams };
    await new Promise((resolve) => setTimeout(resolve, MEMORY_SETTLE_MS));
    rss.connected = { gateway: rssKiB(pids.gateway), projects: rssKiB(pids.projects) };

    console.log(`\nsending ${mutationCount} addComment mutations as ${CAMILLE} through the gateway, one every ${INTERVAL_MS} ms (${settings.subSeconds} s), over ${projectIds.length} projects ...`);
    const delay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    delay.enable();
    const cpuBefore = { bench: process.cpuUsage(), gateway: cpuSeconds(pids.gateway), projects: cpuSeconds(pids.projects), at: performance.now() };
    const baseline = Int32Array.from(pool.received);
    const peak = { gateway: rss.connected.gateway, projects: rss.connected.projects };
    const sampler = setInterval(() => {
      peak.gateway = Math.max(peak.gateway, rssKiB(pids.gateway));
      peak.projects = Math.max(peak.projects, rssKiB(pids.projects));
    }, 250);
    sampler.unref();
    const sending = { url: urls.gateway, token: camilleToken, projectIds, intervalMs: INTERVAL_MS, durationMs: settings.subSeconds * 1000, maxInFlight: MAX_IN_FLIGHT, timeoutMs: settings.timeoutMs };
    const sent = await sendMutations(sending, `bench ${Date.now()}`);
    const rtt = sortedOk(sent, (i) => sent.answeredAt[i] - sent.sentAt[i]);
    console.log(
      `sent ${sent.count} of ${sent.scheduled} in the ${settings.subSeconds} s (${(sent.count / settings.subSeconds).toFixed(1)}/s${sent.count < sent.scheduled ? `; the others skipped: ${MAX_IN_FLIGHT} answers awaited at once until the end` : ""}), ` +
        `last answer after ${(sent.elapsedMs / 1000).toFixed(1)} s; ${sent.errors} errors, ${sent.late} sent late; round trip p50 ${ms(percentile(rtt, 50))} ms, p95 ${ms(percentile(rtt, 95))} ms`,
    );

    // Drain: until every subscriber has as many events as there were successful mutations and
    // nothing arrived for a second, or nothing arrived for QUIET_MS, or the drain time is up.
    // Timed-out mutations usually commit too: wait for every mutation sent, the quiet period covers those that did not.
    const target = sent.count;
    const deadline = performance.now() + settings.subDrainSeconds * 1000;
    let lastTotal = -1;
    let lastChange = performance.now();
    let lastLog = performance.now();
    for (;;) {
      let done = 0;
      let total = 0;
      for (let i = 0; i < count; i++) {
        const got = pool.received[i] - baseline[i];
        total += got;
        if (got >= target) done++;
      }
      const now = performance.now();
      if (total !== lastTotal) [lastTotal, lastChange] = [total, now];
      if ((done === count && now - lastChange > 1000) || now - lastChange > QUIET_MS || now > deadline) break;
      if (now - lastLog > 5000) {
        console.log(`  draining: ${done} / ${count} subscribers have all ${target} events; ${total} received of ${target * count}`);
        lastLog = now;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const drainMs = performance.now() - (cpuBefore.at + sent.elapsedMs);
    delay.disable();
    clearInterval(sampler);
    const wallS = (performance.now() - cpuBefore.at) / 1000;
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpu = {
      wallSeconds: wallS,
      bench: (benchCpu.user + benchCpu.system) / 1e6 / wallS,
      gateway: (cpuSeconds(pids.gateway) - cpuBefore.gateway) / wallS,
      projects: (cpuSeconds(pids.projects) - cpuBefore.projects) / wallS,
    };
    rss.after = { gateway: rssKiB(pids.gateway), projects: rssKiB(pids.projects) };
    rss.peak = peak;
    const lag = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    const loopDelay = { p50: lag(delay.percentile(50)), p99: lag(delay.percentile(99)), max: lag(delay.max) };

    // What the subscribers had to receive: julien's journal of the département after the last
    // probe (the other viewers have his rights, so the same journal).
    const expected = await retry(() => journal(String(startId), { territoryId: TERRITORY }, Math.ceil(mutationCount / 500) + 10, Math.max(settings.timeoutMs, 60_000)), 3);
    const analysis = analyse(pool, sent, projectIds, expected.entries, startId, cpuBefore.at);
    const closing = performance.now();
    const closed = await pool.close(CLOSE_TIMEOUT_MS);
    const closeMs = performance.now() - closing;
    // The gateway must drop every subscriber and upstream of the round, or the next round would start from its leftovers.
    const released = await waitForRelease(context.gatewayUrl, idle, RELEASE_TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, MEMORY_SETTLE_MS));
    rss.closed = { gateway: rssKiB(pids.gateway), projects: rssKiB(pids.projects) };
    return reportSubscriptions({
      settings,
      territoryId: TERRITORY,
      intervalMs: INTERVAL_MS,
      count,
      viewers,
      afterOtherRounds,
      upstreams,
      released,
      openMs,
      probes,
      live,
      startId,
      sent,
      rtt,
      expected,
      analysis,
      drainMs,
      cpu,
      loopDelay,
      rss,
      growth,
      closed,
      closeMs,
      pool,
    });
  } catch (error) {
    await pool.close(CLOSE_TIMEOUT_MS);
    throw error;
  }
}

/** `attempt()`, tried up to `times` times (the hub may still be busy delivering). */
async function retry<T>(attempt: () => Promise<T>, times: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) throw error;
      console.log(`  retrying after: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** How many of `values` are ≥ `threshold`. */
function countAtLeast(values: Float64Array, threshold: number): number {
  let n = 0;
  for (const value of values) if (value >= threshold) n++;
  return n;
}

/** Polls `measure` until it reaches `target` or `timeoutMs` passes; returns the last value. */
async function until(measure: () => number, target: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let value = measure();
  while (value < target && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = measure();
  }
  return value;
}

/** Polls the gateway until it holds no more subscribers and upstreams than `idle`, or `timeoutMs` passes: the last reading and when. */
async function waitForRelease(gatewayUrl: string, idle: { subscribers: number; upstreams: number }, timeoutMs: number): Promise<{ subscribers: number; upstreams: number; ms: number }> {
  const started = performance.now();
  for (;;) {
    const held = await gatewaySubscriptions(gatewayUrl);
    const elapsed = performance.now() - started;
    if ((held.subscribers <= idle.subscribers && held.upstreams <= idle.upstreams) || elapsed > timeoutMs) return { ...held, ms: elapsed };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `value(i)` of the successful mutations, ascending. */
function sortedOk(sent: SentMutations, value: (i: number) => number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < sent.count; i++) if (sent.ok[i]) out.push(value(i));
  return Float64Array.from(out).sort();
}
