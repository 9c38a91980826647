import { callSubgraph, isUuid, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import { LRUCache } from "lru-cache";

const QUERY = `query SessionStatus($sessions: [SessionInput!]!) { sessionStatus(sessions: $sessions) }`;
/** Sessions asked about in one call to people-territories (its own limit is 1,000). */
const BATCH = 500;

export interface SessionCheckerOptions {
  peopleTerritoriesUrl: string;
  internalTokenSecret: string;
  /** How long an answer is reused (default 30 s; 0: never, every check asks): a suspended person keeps working at most that long. */
  cacheMs?: number;
  /** Most sessions remembered at once (default 10,000; the least recently used is dropped first). */
  cacheSize?: number;
}

/** What a session stands for: a person, acting for an organisation with one role. */
function keyOf(viewer: Viewer): string {
  return `${viewer.personId}|${viewer.organizationId}|${viewer.roles.join(",")}`;
}

/**
 * Asks people-territories whether the person behind a session token is still ACTIVE and still
 * holds the organisation and role the token carries, so that a suspension (or a removed
 * membership) ends the sessions signed before it. Answers are cached for `cacheMs` (an answer
 * still awaited is shared too); sessions missing from the cache are asked about together, in
 * one call.
 */
export class SessionChecker {
  /** Answers by session; null when caching is off (`cacheMs` 0). */
  private readonly cache: LRUCache<string, { current: Promise<boolean> }> | null;

  constructor(private readonly options: SessionCheckerOptions) {
    // lru-cache reads a ttl of 0 as "never expires": caching is off instead.
    this.cache = this.cacheMs > 0 ? new LRUCache({ max: options.cacheSize ?? 10_000, ttl: this.cacheMs }) : null;
  }

  get cacheMs(): number {
    return this.options.cacheMs ?? 30_000;
  }

  /** Whether each session is current (`fresh`: ask again, cached or not); rejects when people-territories cannot answer. */
  async areCurrent(viewers: Viewer[], fresh = false): Promise<boolean[]> {
    const answers = new Map<string, Promise<boolean>>();
    const misses = new Map<string, Viewer>();
    for (const viewer of viewers) {
      const key = keyOf(viewer);
      if (answers.has(key) || misses.has(key)) continue;
      const cached = fresh ? undefined : this.cache?.get(key);
      if (cached) answers.set(key, cached.current);
      else misses.set(key, viewer);
    }
    const entries = [...misses];
    for (let start = 0; start < entries.length; start += BATCH) {
      for (const [key, current] of this.ask(entries.slice(start, start + BATCH))) answers.set(key, current);
    }
    return Promise.all(
      viewers.map((viewer) => {
        const answer = answers.get(keyOf(viewer));
        if (answer === undefined) throw new Error("session check: a viewer was neither cached nor asked");
        return answer;
      }),
    );
  }

  async isCurrent(viewer: Viewer): Promise<boolean> {
    const [current] = await this.areCurrent([viewer]);
    return current;
  }

  /** One call for `entries`: each session's answer, also cached. */
  private ask(entries: [string, Viewer][]): Map<string, Promise<boolean>> {
    // A session stands for one person with one role: anything else cannot be current.
    const asked = entries.filter(([, v]) => v.personId !== null && isUuid(v.personId) && v.organizationId !== null && v.roles.length === 1);
    const answer =
      asked.length === 0
        ? Promise.resolve([] as boolean[])
        : callSubgraph<{ sessionStatus: boolean[] }>(this.options.peopleTerritoriesUrl, this.options.internalTokenSecret, SERVICE_VIEWER, QUERY, {
            sessions: asked.map(([, v]) => ({ personId: v.personId, organizationId: v.organizationId, role: v.roles[0] })),
          }).then((data) => data.sessionStatus);
    const position = new Map(asked.map(([key], index) => [key, index]));
    const answers = new Map<string, Promise<boolean>>();
    for (const [key] of entries) {
      const index = position.get(key) ?? -1;
      const current = index === -1 ? Promise.resolve(false) : answer.then((statuses) => statuses.at(index) === true);
      answers.set(key, current);
      const cache = this.cache;
      if (!cache) continue;
      const entry = { current };
      // An unanswered check is not remembered: the next request asks again.
      current.catch(() => {
        if (cache.peek(key) === entry) cache.delete(key);
      });
      cache.set(key, entry);
    }
    return answers;
  }
}
