import { callSubgraph, isUuid, SERVICE_VIEWER, type Viewer } from "@hub/kit";

const QUERY = `query SessionStatus($sessions: [SessionInput!]!) { sessionStatus(sessions: $sessions) }`;
/** Sessions asked about in one call to people-territories (its own limit is 1,000). */
const BATCH = 500;

export interface SessionCheckerOptions {
  peopleTerritoriesUrl: string;
  internalTokenSecret: string;
  /** How long an answer is reused (default 30 s): a suspended person keeps working at most that long. */
  cacheMs?: number;
  /** Most sessions remembered at once (default 10,000). */
  cacheSize?: number;
}

/** What a session stands for: a person, acting for an organisation with one role. */
function keyOf(viewer: Viewer): string {
  return `${viewer.personId}|${viewer.organizationId}|${viewer.roles.join(",")}`;
}

/**
 * Asks people-territories whether the person behind a session token is still ACTIVE and still
 * holds the organisation and role the token carries, so that a suspension (or a removed
 * membership) ends the sessions signed before it. Answers are cached for `cacheMs`; sessions
 * missing from the cache are asked about together, in one call.
 */
export class SessionChecker {
  private readonly cache = new Map<string, { until: number; current: Promise<boolean> }>();

  constructor(private readonly options: SessionCheckerOptions) {}

  get cacheMs(): number {
    return this.options.cacheMs ?? 30_000;
  }

  /** Whether each session is current (`fresh`: ask again, cached or not); rejects when people-territories cannot answer. */
  async areCurrent(viewers: Viewer[], fresh = false): Promise<boolean[]> {
    const now = Date.now();
    const misses = new Map<string, Viewer>();
    for (const viewer of viewers) {
      const cached = this.cache.get(keyOf(viewer));
      if (fresh || !cached || cached.until < now) misses.set(keyOf(viewer), viewer);
    }
    const entries = [...misses];
    for (let start = 0; start < entries.length; start += BATCH) this.ask(entries.slice(start, start + BATCH), now);
    return Promise.all(viewers.map((viewer) => this.cache.get(keyOf(viewer))!.current));
  }

  async isCurrent(viewer: Viewer): Promise<boolean> {
    const [current] = await this.areCurrent([viewer]);
    return current;
  }

  private ask(entries: [string, Viewer][], now: number): void {
    // A session stands for one person with one role: anything else cannot be current.
    const asked = entries.filter(([, v]) => v.personId !== null && isUuid(v.personId) && v.organizationId !== null && v.roles.length === 1);
    const answer =
      asked.length === 0
        ? Promise.resolve([] as boolean[])
        : callSubgraph<{ sessionStatus: boolean[] }>(this.options.peopleTerritoriesUrl, this.options.internalTokenSecret, SERVICE_VIEWER, QUERY, {
            sessions: asked.map(([, v]) => ({ personId: v.personId, organizationId: v.organizationId, role: v.roles[0] })),
          }).then((data) => data.sessionStatus);
    const size = this.options.cacheSize ?? 10_000;
    const position = new Map(asked.map(([key], index) => [key, index]));
    for (const [key] of entries) {
      const index = position.get(key) ?? -1;
      const current = index === -1 ? Promise.resolve(false) : answer.then((statuses) => statuses[index] === true);
      // An unanswered check is not remembered: the next request asks again.
      current.catch(() => {
        if (this.cache.get(key)?.current === current) this.cache.delete(key);
      });
      this.cache.delete(key);
      if (this.cache.size >= size) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { until: now + this.cacheMs, current });
    }
  }
}
