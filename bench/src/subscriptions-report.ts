// The printed figures and the latest.json record of a round of the subscriptions benchmark,
// and the rounds side by side.
import { SLICE_MS, type Analysis, type JournalEntry } from "./delivery-analysis";
import { percentile } from "./load";
import type { SentMutations } from "./mutation-sender";
import { ms, table, times, type BenchOutcome } from "./report";
import type { Settings } from "./settings";
import type { SubscriberPool } from "./ws-subscribers";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Least-squares slope of y over x (KiB per subscriber); NaN with fewer than 2 distinct x. */
function slope(points: [number, number][]): number {
  const valid = points.filter(([, y]) => Number.isFinite(y));
  const n = valid.length;
  const mx = valid.reduce((sum, [x]) => sum + x, 0) / n;
  const my = valid.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = valid.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return n < 2 || sxx === 0 ? NaN : valid.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0) / sxx;
}

export interface ReportInput {
  settings: Settings;
  territoryId: string;
  intervalMs: number;
  count: number;
  /** Distinct viewers of the round (subscriber i signed in with token i % viewers). */
  viewers: number;
  /** Whether other rounds ran before on the same gateway (whose memory they grew). */
  afterOtherRounds: boolean;
  /** The gateway's /health after the probes, what it held before the round, and the upstreams the round opened (expected: one per viewer). */
  upstreams: { subscribers: number; upstreams: number; idleSubscribers: number; idleUpstreams: number; expected: number; opened: number };
  /** The gateway's /health once the clients were closed (back to what it held before, unless it leaks), and how long that took. */
  released: { subscribers: number; upstreams: number; ms: number };
  openMs: number;
  probes: number;
  live: number;
  startId: number;
  sent: SentMutations;
  rtt: Float64Array;
  expected: { entries: JournalEntry[]; complete: boolean };
  analysis: Analysis;
  drainMs: number;
  cpu: { wallSeconds: number; bench: number; gateway: number; projects: number };
  loopDelay: { p50: number; p99: number; max: number };
  rss: Record<"before" | "connected" | "peak" | "after" | "closed", { gateway: number; projects: number }>;
  growth: [number, number][];
  closed: { closedCleanly: number; terminated: number };
  closeMs: number;
  pool: SubscriberPool;
}

export function reportSubscriptions(r: ReportInput): BenchOutcome {
  const a = r.analysis;
  const stats = (sorted: Float64Array) => ({
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted.at(0) ?? NaN,
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  });
  const latency = { afterAnswer: stats(a.afterAnswer), afterSend: stats(a.afterSend), mutationRoundTrip: stats(r.rtt) };
  const ratio = {
    afterAnswerP50: latency.afterAnswer.p50 / latency.mutationRoundTrip.p50,
    afterSendP50: latency.afterSend.p50 / latency.mutationRoundTrip.p50,
    afterSendP95: latency.afterSend.p95 / latency.mutationRoundTrip.p50,
  };
  const perSubscriberKiB = {
    gateway: (r.rss.connected.gateway - r.rss.before.gateway) / r.count,
    gatewaySlope: slope(r.growth),
    projects: (r.rss.connected.projects - r.rss.before.projects) / r.count,
    projectsPerUpstream: (r.rss.connected.projects - r.rss.before.projects) / r.upstreams.opened,
  };
  const errors = r.pool.errors();

  const rate = (r.sent.count * 1000) / (r.settings.subSeconds * 1000);
  const sustained = r.sent.count === r.sent.scheduled && r.sent.errors === 0;
  if (!sustained) {
    console.log(
      `\nNOTE: the hub did not sustain one mutation every ${r.intervalMs} ms with ${r.count} subscribers of ${plural(r.viewers, "viewer")}: ${r.sent.count} of ${r.sent.scheduled} sent (${rate.toFixed(1)}/s), ${r.sent.errors} errors, round trip p50 ${ms(percentile(r.rtt, 50))} ms`,
    );
  }
  console.log(
    `\ndelivery: ${a.expected} journal entries after the last probe (${a.commentEvents} of this run's comments, ${a.foreign} others), × ${r.count} subscribers; ${a.pairs} (event, subscriber) pairs timed${a.ambiguousProjects ? ` (${a.ambiguousProjects} projects left out: events not matched to one mutation)` : ""}:\n`,
  );
  console.log(
    table(
      ["ms", "p50", "p95", "p99", "min", "max"],
      [
        ["receipt − mutation answered", ...(["p50", "p95", "p99", "min", "max"] as const).map((k) => ms(latency.afterAnswer[k]))],
        ["receipt − mutation sent", ...(["p50", "p95", "p99", "min", "max"] as const).map((k) => ms(latency.afterSend[k]))],
        ["mutation round trip", ...(["p50", "p95", "p99", "min", "max"] as const).map((k) => ms(latency.mutationRoundTrip[k]))],
      ],
    ),
  );
  console.log(
    `\nas a ratio to the mutation's round trip p50 (${ms(latency.mutationRoundTrip.p50)} ms): receipt − answered p50 ${times(ratio.afterAnswerP50)}, receipt − sent p50 ${times(ratio.afterSendP50)}, p95 ${times(ratio.afterSendP95)}`,
  );
  console.log(`\nreceipt − answered by when the mutation was sent (a latency that grows means the hub falls behind):\n`);
  console.log(
    table(
      ["sent during", "mutations", "p50 ms", "p95 ms", "max ms"],
      a.slices.map((s) => [`${s.fromS}-${s.fromS + SLICE_MS / 1000} s`, String(s.mutations), ms(s.p50), ms(s.p95), ms(s.max)]),
    ),
  );
  console.log(
    `\nexactly once, in order: lost ${a.lost} (${a.gaps} gaps, ${a.undelivered} not received by the end of the drain; ${a.subscribersWithLoss} subscribers missing events), duplicated ${a.duplicated}, out of order ${a.outOfOrder}, unexpected ${a.unexpected}; subscriber errors ${errors.total}, ended early ${r.pool.ended()}, overflow ${r.pool.overflow()}`,
  );
  console.log(
    `delivered ${a.delivered} events to subscribers from the first send to the last receipt in ${(a.firstSendToLastReceiptMs / 1000).toFixed(1)} s (${((a.delivered * 1000) / a.firstSendToLastReceiptMs).toFixed(0)}/s); drain after the last answer ${(r.drainMs / 1000).toFixed(1)} s`,
  );
  const u = r.upstreams;
  const before = u.idleUpstreams > 0 || u.idleSubscribers > 0 ? ` (${u.idleSubscribers} subscribers and ${u.idleUpstreams} upstreams before the round, not counted)` : "";
  console.log(
    `\nupstreams: after the probes the gateway's /health reports ${u.subscribers} subscribers and ${plural(u.upstreams, "upstream subscription")}${before}: ${u.opened} opened for ${r.count} subscribers of ${plural(r.viewers, "viewer")} (expected ${u.expected}, one per viewer)`,
  );
  const kib = (v: number) => (Number.isFinite(v) ? `${(v / 1024).toFixed(1)} MiB` : "-");
  console.log(
    `\nmemory (VmRSS): gateway ${kib(r.rss.before.gateway)} before, ${kib(r.rss.connected.gateway)} with ${r.count} subscribers connected, peak ${kib(r.rss.peak.gateway)}, ${kib(r.rss.after.gateway)} after the drain, ${kib(r.rss.closed.gateway)} once closed: ${perSubscriberKiB.gateway.toFixed(1)} KiB per subscriber ((connected − before) / ${r.count}; slope over the ${r.growth.length} batches: ${perSubscriberKiB.gatewaySlope.toFixed(1)} KiB)`,
  );
  if (r.afterOtherRounds) console.log(`                (after another round: RSS seldom shrinks back, so this round may fill memory the earlier ones left; run it alone for a clean figure)`);
  console.log(
    `                projects subgraph ${kib(r.rss.before.projects)} before, ${kib(r.rss.connected.projects)} connected, peak ${kib(r.rss.peak.projects)}, ${kib(r.rss.after.projects)} after, ${kib(r.rss.closed.projects)} once closed: ${perSubscriberKiB.projects.toFixed(1)} KiB per subscriber, ${perSubscriberKiB.projectsPerUpstream.toFixed(1)} KiB per upstream (${plural(u.opened, "upstream subscription")})`,
  );
  console.log(
    `CPU during sending + drain (${r.cpu.wallSeconds.toFixed(1)} s, share of one core): bench ${(100 * r.cpu.bench).toFixed(0)}%, gateway ${(100 * r.cpu.gateway).toFixed(0)}%, projects ${(100 * r.cpu.projects).toFixed(0)}%; bench event-loop delay p50 ${ms(r.loopDelay.p50)} ms, p99 ${ms(r.loopDelay.p99)} ms, max ${ms(r.loopDelay.max)} ms`,
  );
  console.log(
    `closed ${r.closed.closedCleanly} subscribers cleanly, ${r.closed.terminated} terminated, in ${(r.closeMs / 1000).toFixed(1)} s; then the gateway's /health reports ${r.released.subscribers} subscribers and ${r.released.upstreams} upstreams (after ${(r.released.ms / 1000).toFixed(1)} s)`,
  );

  const failures: string[] = [];
  if (r.live < r.count) failures.push(`${r.count - r.live} subscribers never received a probe (not live after ${r.probes} probes)`);
  if (!r.expected.complete) failures.push("the journal after the run holds more entries than the bench reads back");
  if (a.lost > 0) failures.push(`${a.lost} events lost (${a.gaps} gaps, ${a.undelivered} not received within ${r.settings.subDrainSeconds} s of drain; ${a.subscribersWithLoss} subscribers)`);
  if (a.duplicated > 0) failures.push(`${a.duplicated} events duplicated`);
  if (a.outOfOrder > 0) failures.push(`${a.outOfOrder} events out of order`);
  if (a.unexpected > 0) failures.push(`${a.unexpected} events not in the journal`);
  const answered = r.sent.count - r.sent.errors;
  if (a.commentEvents !== answered && a.commentEvents !== r.sent.count)
    failures.push(`${a.commentEvents} comments in the journal for ${r.sent.count} mutations sent, ${answered} answered without error`);
  const committed = a.commentEvents === r.sent.count && r.sent.errors > 0 ? " (committed all the same: the journal holds a comment for every mutation sent)" : "";
  for (const [message, n] of Object.entries(r.sent.errorSamples)) failures.push(`mutation: ${n}× ${message}${committed}`);
  for (const [message, n] of Object.entries(errors.samples)) failures.push(`subscriber: ${n}× ${message}`);
  if (u.opened !== u.expected) failures.push(`the gateway opened ${plural(u.opened, "upstream subscription")} for ${plural(r.viewers, "viewer")} (expected ${u.expected})`);
  if (r.released.subscribers > u.idleSubscribers || r.released.upstreams > u.idleUpstreams) {
    failures.push(
      `once the clients were closed, the gateway still held ${r.released.subscribers} subscribers and ${r.released.upstreams} upstreams after ${(r.released.ms / 1000).toFixed(1)} s (${u.idleSubscribers} and ${u.idleUpstreams} before the round)`,
    );
  }
  if (r.pool.overflow() > 0) failures.push(`${r.pool.overflow()} events beyond what a subscriber can record`);

  return {
    failures,
    result: {
      subscribers: r.count,
      viewers: r.viewers,
      upstreams: r.upstreams,
      released: r.released,
      territoryId: r.territoryId,
      intervalMs: r.intervalMs,
      seconds: r.settings.subSeconds,
      openMs: r.openMs,
      probes: r.probes,
      liveSubscribers: r.live,
      startActivityId: String(r.startId),
      mutations: {
        sustained,
        sentPerSecond: rate,
        scheduled: r.sent.scheduled,
        sent: r.sent.count,
        errors: r.sent.errors,
        late: r.sent.late,
        maxInFlight: r.sent.maxInFlightSeen,
        elapsedMs: r.sent.elapsedMs,
        errorSamples: r.sent.errorSamples,
      },
      delivery: { ...a, afterAnswer: undefined, afterSend: undefined, latency, ratio, drainMs: r.drainMs },
      subscriberErrors: errors,
      endedEarly: r.pool.ended(),
      memory: { rssKiB: r.rss, perSubscriberKiB, gatewayGrowth: r.growth, afterOtherRounds: r.afterOtherRounds },
      cpu: r.cpu,
      benchEventLoopDelayMs: r.loopDelay,
      close: { ...r.closed, ms: r.closeMs },
    },
  };
}

/** One line per round, side by side: what sharing the upstream changes. */
export function printRoundsSummary(rounds: Record<string, Record<string, unknown>>): void {
  const entries = Object.entries(rounds);
  if (entries.length < 2) return;
  type Round = {
    upstreams?: { opened: number };
    mutations?: { sentPerSecond: number };
    delivery?: {
      lost: number;
      duplicated: number;
      outOfOrder: number;
      latency: Record<"afterAnswer" | "afterSend" | "mutationRoundTrip", { p50: number; p95: number; max: number }>;
      ratio: { afterSendP50: number };
    };
    memory?: { perSubscriberKiB: { gateway: number }; afterOtherRounds: boolean };
    cpu?: { bench: number; gateway: number; projects: number };
  };
  const pct = (v: number | undefined) => (v === undefined ? "-" : `${(100 * v).toFixed(0)}%`);
  const rows = entries.map(([key, value]) => {
    const round = value as Round;
    const d = round.delivery;
    if (!d) return [key, "failed", ...Array<string>(10).fill("-")];
    const { afterAnswer, afterSend, mutationRoundTrip } = d.latency;
    return [
      key,
      String(round.upstreams?.opened ?? "-"),
      (round.mutations?.sentPerSecond ?? NaN).toFixed(1),
      `${ms(afterAnswer.p50)} / ${ms(afterAnswer.p95)} / ${ms(afterAnswer.max)}`,
      `${ms(afterSend.p50)} / ${ms(afterSend.p95)} / ${ms(afterSend.max)}`,
      ms(mutationRoundTrip.p50),
      times(d.ratio.afterSendP50),
      `${d.lost} / ${d.duplicated} / ${d.outOfOrder}`,
      `${(round.memory?.perSubscriberKiB.gateway ?? NaN).toFixed(1)}${round.memory?.afterOtherRounds ? "*" : ""}`,
      pct(round.cpu?.gateway),
      pct(round.cpu?.projects),
      pct(round.cpu?.bench),
    ];
  });
  console.log(`\nrounds side by side (latencies in ms: p50 / p95 / max; sent ratio = receipt − sent p50 / round trip p50; * after another round, see its memory note):\n`);
  console.log(
    table(
      [
        "round",
        "upstreams",
        "mutations/s",
        "receipt − answered",
        "receipt − sent",
        "round trip p50",
        "sent ratio",
        "lost / dup / order",
        "gateway KiB/sub",
        "CPU gateway",
        "CPU projects",
        "CPU bench",
      ],
      rows,
    ),
  );
}
