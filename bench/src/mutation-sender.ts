// The writer of the subscriptions benchmark: an open loop sending one addComment every
// `intervalMs` through the gateway for `durationMs`, whatever the answers take (at most
// `maxInFlight` waiting; beyond that the next one is late, and those not sent by the end of
// the duration are skipped), recording when each was sent and when its answer arrived.
import { performance } from "node:perf_hooks";
import { graphqlFailure } from "./scenarios";

export const ADD_COMMENT = `mutation Comment($p: ID!, $b: String!) { addComment(projectId: $p, body: $b) { id } }`;
const MAX_ERROR_SAMPLES = 10;

export interface SendOptions {
  url: string;
  token: string;
  projectIds: readonly string[];
  intervalMs: number;
  durationMs: number;
  maxInFlight: number;
  timeoutMs: number;
}

export interface SentMutations {
  /** Mutations sent (the first `count` of the schedule). */
  count: number;
  /** Mutations the schedule held (durationMs / intervalMs); those beyond `count` were skipped. */
  scheduled: number;
  /** Per mutation: the project it commented on (index in projectIds), send and answer times (performance.now()), success. */
  project: Int32Array;
  sentAt: Float64Array;
  answeredAt: Float64Array;
  ok: Uint8Array;
  errors: number;
  errorSamples: Record<string, number>;
  /** From the first send to the last answer. */
  elapsedMs: number;
  /** Sends more than 5 ms behind their schedule (timer or in-flight cap). */
  late: number;
  maxInFlightSeen: number;
}

export async function sendMutations(options: SendOptions, label: string): Promise<SentMutations> {
  const scheduled = Math.round(options.durationMs / options.intervalMs);
  const sent: SentMutations = {
    count: 0,
    scheduled,
    project: new Int32Array(scheduled),
    sentAt: new Float64Array(scheduled),
    answeredAt: new Float64Array(scheduled),
    ok: new Uint8Array(scheduled),
    errors: 0,
    errorSamples: {},
    elapsedMs: 0,
    late: 0,
    maxInFlightSeen: 0,
  };
  const headers = { "content-type": "application/json", authorization: `Bearer ${options.token}` };
  const inFlight = new Set<Promise<void>>();
  const fail = (description: string) => {
    sent.errors++;
    const key = description.slice(0, 200);
    if (key in sent.errorSamples) sent.errorSamples[key]++;
    else if (Object.keys(sent.errorSamples).length < MAX_ERROR_SAMPLES) sent.errorSamples[key] = 1;
  };
  const one = async (i: number) => {
    const projectIndex = i % options.projectIds.length;
    sent.project[i] = projectIndex;
    const body = JSON.stringify({ query: ADD_COMMENT, variables: { p: options.projectIds[projectIndex], b: `${label} #${i}` } });
    sent.sentAt[i] = performance.now();
    try {
      const response = await fetch(options.url, { method: "POST", headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
      const failure = graphqlFailure(response.status, await response.text());
      sent.answeredAt[i] = performance.now();
      if (failure) fail(failure);
      else sent.ok[i] = 1;
    } catch (error) {
      sent.answeredAt[i] = performance.now();
      fail(error instanceof Error && error.name === "TimeoutError" ? "request timed out" : String(error));
    }
  };

  const start = performance.now();
  const end = start + options.durationMs;
  for (let i = 0; i < scheduled; i++) {
    const due = start + i * options.intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= options.maxInFlight) await Promise.race(inFlight);
    if (performance.now() >= end) break;
    if (performance.now() - due > 5) sent.late++;
    sent.count = i + 1;
    const request: Promise<void> = one(i).finally(() => inFlight.delete(request));
    inFlight.add(request);
    sent.maxInFlightSeen = Math.max(sent.maxInFlightSeen, inFlight.size);
  }
  await Promise.all(inFlight);
  sent.elapsedMs = performance.now() - start;
  return sent;
}
