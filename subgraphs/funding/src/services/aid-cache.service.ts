import { GraphQLError } from "graphql";
import { In, type DataSource } from "typeorm";
import { AidesTerritoiresClient, type AidSearchCriteria, type AtAidResult } from "../clients/aides-territoires.client";
import { AidSearchEntry, CachedAid } from "../entities/aid-cache.entity";

/** Pages of 100 aids read for one search at most: beyond 300 aids, a search is too broad to rank. */
export const MAX_SEARCH_PAGES = 3;

/** An answer as served: its data, when Aides-Territoires last confirmed it, and whether that is older than the TTL. */
export interface Served<T> {
  value: T;
  fetchedAt: Date;
  /** Past its TTL, served because Aides-Territoires could not be reached. */
  stale: boolean;
}

export interface SearchResult {
  aids: Served<AtAidResult>[];
  total: number;
  stale: boolean;
  fetchedAt: Date;
}

export const searchKey = (criteria: AidSearchCriteria): string =>
  JSON.stringify({ perimeterId: criteria.perimeterId, audience: criteria.audience, categorySlugs: criteria.categorySlugs, stepSlugs: criteria.stepSlugs });

/**
 * Aid searches and aids cached in PostgreSQL across requests and processes. A fresh entry
 * (younger than the TTL) is served without calling Aides-Territoires. An older one is
 * refreshed with If-None-Match (a 304 only renews it); if the API cannot be reached it is
 * served as is, marked stale, after a single attempt (no retries: an answer is at hand). With
 * nothing cached, the API's failure is the caller's UPSTREAM_UNAVAILABLE. Concurrent refreshes
 * of one entry in this process share one call.
 */
export class AidCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: AidesTerritoiresClient,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Searches by key: two statements when all are fresh (searches, then their aids). */
  async searches(criteriaList: readonly AidSearchCriteria[]): Promise<(SearchResult | GraphQLError)[]> {
    const keys = criteriaList.map(searchKey);
    const rows = new Map((await this.dataSource.getRepository(AidSearchEntry).findBy({ key: In([...new Set(keys)]) })).map((row) => [row.key, row]));
    const outcomes = await Promise.all(
      criteriaList.map((criteria, index) => {
        const row = rows.get(keys[index]);
        return this.current(`search:${keys[index]}`, row, () => this.refreshSearch(criteria, keys[index], row ?? null));
      }),
    );
    const ids = [...new Set(outcomes.flatMap((o) => (o instanceof GraphQLError ? [] : o.row.aidIds)))];
    const aids = new Map((ids.length > 0 ? await this.dataSource.getRepository(CachedAid).findBy({ id: In(ids) }) : []).map((aid) => [aid.id, aid]));
    return outcomes.map((outcome) => {
      if (outcome instanceof GraphQLError) return outcome;
      const { row, stale } = outcome;
      const found = row.aidIds.flatMap((id) => {
        const aid = aids.get(id);
        return aid ? [{ value: aid.body, fetchedAt: aid.fetchedAt, stale: stale || !this.isFresh(aid.fetchedAt) }] : [];
      });
      return { aids: found, total: row.total, stale, fetchedAt: row.fetchedAt };
    });
  }

  /** Aids by id (null: the API does not know it). */
  async aids(ids: readonly number[]): Promise<(Served<AtAidResult> | null | GraphQLError)[]> {
    const rows = new Map((await this.dataSource.getRepository(CachedAid).findBy({ id: In([...new Set(ids)]) })).map((row) => [row.id, row]));
    return Promise.all(
      ids.map(async (id) => {
        const row = rows.get(id);
        const outcome = await this.current(`aid:${id}`, row, () => this.refreshAid(id, row ?? null));
        if (outcome instanceof GraphQLError) return outcome;
        const { row: served, stale } = outcome;
        return served ? { value: served.body, fetchedAt: served.fetchedAt, stale } : null;
      }),
    );
  }

  /**
   * A cached row as served: as is while fresh; else refreshed (one call shared by concurrent
   * callers); when that fails with UPSTREAM_UNAVAILABLE, the old row marked stale. With no row to
   * fall back on, the failure is returned for the caller's field.
   */
  private async current<R extends { fetchedAt: Date }, T extends R | null>(key: string, row: R | undefined, refresh: () => Promise<T>): Promise<{ row: R | T; stale: boolean } | GraphQLError> {
    if (row && this.isFresh(row.fetchedAt)) return { row, stale: false };
    try {
      return { row: await this.once(key, refresh), stale: false };
    } catch (error) {
      if (row && error instanceof GraphQLError && error.extensions.code === "UPSTREAM_UNAVAILABLE") return { row, stale: true };
      if (error instanceof GraphQLError) return error;
      throw error;
    }
  }

  private isFresh(fetchedAt: Date): boolean {
    return this.now() - fetchedAt.getTime() < this.ttlMs;
  }

  private once<T>(key: string, task: () => Promise<T>): Promise<T> {
    let running = this.inFlight.get(key) as Promise<T> | undefined;
    if (!running) {
      running = task().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    return running;
  }

  private async refreshSearch(criteria: AidSearchCriteria, key: string, cached: AidSearchEntry | null): Promise<AidSearchEntry> {
    const retries = cached ? 0 : undefined;
    const ids: number[] = [];
    const etags: string[] = [];
    const received: AtAidResult[] = [];
    let total = cached?.total ?? 0;
    for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
      const etag = cached?.etags[page - 1] || null;
      const answer = await this.client.searchAids(criteria, page, { etag, retries });
      if (answer.notModified) {
        // A 304 answers an If-None-Match only, so the page was cached: its aids are those cached for it.
        if (!cached || !etag) throw new Error(`Aides-Territoires answered 304 to page ${page} of a search sent without an ETag`);
        ids.push(...cached.aidIds.slice((page - 1) * 100, page * 100));
        etags.push(etag);
        if (page * 100 >= total) break;
        continue;
      }
      total = answer.body.count;
      ids.push(...answer.body.results.map((aid) => aid.id));
      received.push(...answer.body.results);
      etags.push(answer.etag ?? "");
      if (!answer.body.next) break;
    }
    const fetchedAt = new Date(this.now());
    const row = Object.assign(new AidSearchEntry(), { key, criteria, aidIds: ids, total, etags, fetchedAt });
    await this.dataSource.transaction(async (manager) => {
      if (received.length > 0) {
        await manager.getRepository(CachedAid).upsert(
          received.map((body) => ({ id: body.id, body, etag: null, fetchedAt })),
          ["id"],
        );
      }
      // Aids of unchanged pages were confirmed too.
      const receivedIds = new Set(received.map((aid) => aid.id));
      const confirmed = ids.filter((id) => !receivedIds.has(id));
      if (confirmed.length > 0) await manager.getRepository(CachedAid).update({ id: In(confirmed) }, { fetchedAt });
      await manager.getRepository(AidSearchEntry).upsert(row, ["key"]);
    });
    return row;
  }

  private async refreshAid(id: number, cached: CachedAid | null): Promise<CachedAid | null> {
    const answer = await this.client.aid(id, { etag: cached?.etag ?? null, retries: cached ? 0 : undefined });
    const repository = this.dataSource.getRepository(CachedAid);
    const fetchedAt = new Date(this.now());
    if (answer.notModified) {
      if (!cached) throw new Error(`Aides-Territoires answered 304 to aid ${id} asked without an ETag`);
      await repository.update({ id }, { fetchedAt });
      return Object.assign(cached, { fetchedAt });
    }
    if (answer.body === null) {
      await repository.delete({ id });
      return null;
    }
    const row = Object.assign(new CachedAid(), { id, body: answer.body, etag: answer.etag, fetchedAt });
    await repository.upsert(row, ["id"]);
    return row;
  }
}
