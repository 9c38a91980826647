// What the subscribers of the subscriptions benchmark received, against the journal: each
// (event, subscriber) pair once, in order, and how long after its mutation it arrived.
import { percentile } from "./load";
import type { SentMutations } from "./mutation-sender";
import type { SubscriberPool } from "./ws-subscribers";

/** Latencies are grouped by when their mutation was sent, in slices of this length. */
export const SLICE_MS = 5000;

export type JournalEntry = { id: string; kind: string; project: { id: string } };

export interface Analysis {
  expected: number;
  commentEvents: number;
  /** Journal entries that are not this run's comments (someone else writing in the département). */
  foreign: number;
  /** Projects whose events could not be matched to their mutations (a failed mutation, a count mismatch, overlapping requests). */
  ambiguousProjects: number;
  pairs: number;
  /** (event, subscriber) pairs received once, timed or not. */
  delivered: number;
  lost: number;
  /** Of `lost`: events missing before one the subscriber did receive (a gap), and those not received by the end of the drain. */
  gaps: number;
  undelivered: number;
  duplicated: number;
  outOfOrder: number;
  unexpected: number;
  subscribersWithLoss: number;
  afterAnswer: Float64Array;
  afterSend: Float64Array;
  /** Per 5-s slice of the sending phase: delivery latency after the answer, p50 and max. */
  slices: { fromS: number; mutations: number; p50: number; p95: number; max: number }[];
  firstSendToLastReceiptMs: number;
}

export function analyse(pool: SubscriberPool, sent: SentMutations, projectIds: readonly string[], entries: JournalEntry[], startId: number, start: number): Analysis {
  // Which mutation made each comment: per project, the k-th comment after startId is the k-th mutation sent on it.
  const byProject = new Map<string, number[]>();
  const ambiguous = new Set<string>();
  for (let m = 0; m < sent.count; m++) {
    const id = projectIds[sent.project[m]];
    const list = byProject.get(id) ?? [];
    const previous = list.at(-1);
    if (!sent.ok[m] || (previous !== undefined && sent.answeredAt[previous] > sent.sentAt[m])) ambiguous.add(id);
    list.push(m);
    byProject.set(id, list);
  }
  const eventMutation = new Int32Array(entries.length).fill(-1);
  const seenPerProject = new Map<string, number[]>();
  let commentEvents = 0;
  entries.forEach((entry, index) => {
    if (entry.kind !== "COMMENT_ADDED" || !byProject.has(entry.project.id)) return;
    commentEvents++;
    const list = seenPerProject.get(entry.project.id) ?? [];
    list.push(index);
    seenPerProject.set(entry.project.id, list);
  });
  for (const [project, indices] of seenPerProject) {
    const mutations = byProject.get(project) ?? [];
    if (indices.length !== mutations.length) ambiguous.add(project);
    if (ambiguous.has(project)) continue;
    indices.forEach((index, k) => (eventMutation[index] = mutations[k]));
  }

  const position = new Map<number, number>(entries.map((e, i) => [Number(e.id), i]));
  const mapped = eventMutation.reduce((n, m) => n + (m >= 0 ? 1 : 0), 0);
  const afterAnswer = new Float64Array(mapped * pool.count);
  const afterSend = new Float64Array(mapped * pool.count);
  const sliceOf = (m: number) => Math.floor((sent.sentAt[m] - start) / SLICE_MS);
  const lastSend = sent.count > 0 ? sent.sentAt[sent.count - 1] : start;
  const sliceCount = Math.floor((lastSend - start) / SLICE_MS) + 1;
  const sliceSamples: number[][] = Array.from({ length: sliceCount }, () => []);
  const seen = new Uint8Array(entries.length);
  let pairs = 0;
  let delivered = 0;
  let lost = 0;
  let gaps = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let unexpected = 0;
  let subscribersWithLoss = 0;
  let lastReceipt = 0;
  for (let s = 0; s < pool.count; s++) {
    seen.fill(0);
    let distinct = 0;
    let highest = -1;
    const ids = pool.ids[s];
    const at = pool.times[s];
    for (let k = 0; k < pool.received[s]; k++) {
      if (ids[k] <= startId) continue;
      const index = position.get(ids[k]);
      if (index === undefined) {
        unexpected++;
        continue;
      }
      if (seen[index]) {
        duplicated++;
        continue;
      }
      seen[index] = 1;
      distinct++;
      if (index < highest) outOfOrder++;
      else highest = index;
      lastReceipt = Math.max(lastReceipt, at[k]);
      const m = eventMutation[index];
      if (m < 0) continue;
      afterAnswer[pairs] = at[k] - sent.answeredAt[m];
      afterSend[pairs] = at[k] - sent.sentAt[m];
      sliceSamples[Math.min(sliceCount - 1, sliceOf(m))].push(afterAnswer[pairs]);
      pairs++;
    }
    delivered += distinct;
    lost += entries.length - distinct;
    if (distinct < entries.length) {
      subscribersWithLoss++;
      for (let index = 0; index < highest; index++) if (!seen[index]) gaps++;
    }
  }
  const slices = sliceSamples.map((samples, i) => {
    const sorted = Float64Array.from(samples).sort();
    const mutations = Array.from({ length: sent.count }, (_, m) => m).filter((m) => Math.min(sliceCount - 1, sliceOf(m)) === i).length;
    return { fromS: (i * SLICE_MS) / 1000, mutations, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.length ? sorted[sorted.length - 1] : NaN };
  });
  return {
    expected: entries.length,
    commentEvents,
    foreign: entries.length - commentEvents,
    ambiguousProjects: ambiguous.size,
    pairs,
    delivered,
    lost,
    gaps,
    undelivered: lost - gaps,
    duplicated,
    outOfOrder,
    unexpected,
    subscribersWithLoss,
    afterAnswer: afterAnswer.slice(0, pairs).sort(),
    afterSend: afterSend.slice(0, pairs).sort(),
    slices,
    firstSendToLastReceiptMs: lastReceipt > 0 ? lastReceipt - start : NaN,
  };
}
