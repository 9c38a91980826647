import { ANONYMOUS, API_SCOPES, callSubgraph, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import { LRUCache } from "lru-cache";
import { createHash } from "node:crypto";

const QUERY = `query ApiKey($key: String!) { apiKeyIdentity(key: $key) { apiKeyId scopes requestsPerMinute maxOperationCost costPerMinute trustedOperationsOnly programmes territoryIds } }`;

/** What a programme's key carries besides its scopes, set when ANCT created it (null: the gateway's defaults). */
export interface ProgrammeKey {
  apiKeyId: string;
  /** Its own rate (instead of RATE_LIMIT_API_KEY_PER_MINUTE). */
  requestsPerMinute: number | null;
  /** Its own cost budget per operation (instead of QUERY_MAX_COST). */
  maxOperationCost: number | null;
  /** Its cost budget per minute (the total estimated cost of its operations), or none. */
  costPerMinute: number | null;
  /** Only registered operations (trusted documents) run for it. */
  trustedOperationsOnly: boolean;
}

type Identity = { viewer: Viewer; programme: ProgrammeKey };

/** Programme keys look like `hubk_<12 hex>_<43 base64url>`. */
export const API_KEY_PATTERN = /^hubk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

export interface ApiKeyOptions {
  peopleTerritoriesUrl: string;
  internalTokenSecret: string;
  /** How long an answer is reused (default 30 s; 0: never, every request asks): a revoked key stops working within that time. */
  cacheMs?: number;
  /** Most keys remembered at once (default 1,000; the least recently used is dropped first). */
  cacheSize?: number;
}

/**
 * Authenticates programmes' API keys with people-territories (which holds their hashes),
 * remembering answers briefly so a programme's requests do not each cost a lookup.
 */
export class ApiKeyAuthenticator {
  /** Answers by the key's SHA-256 (the key itself is never kept); null when caching is off. */
  private readonly cache: LRUCache<string, { identity: Identity | null }> | null;

  constructor(private readonly options: ApiKeyOptions) {
    const ttl = options.cacheMs ?? 30_000;
    // lru-cache reads a ttl of 0 as "never expires": caching is off instead.
    this.cache = ttl > 0 ? new LRUCache({ max: options.cacheSize ?? 1000, ttl }) : null;
  }

  /** The programme's viewer, or null for an unknown, revoked or malformed key. */
  async viewer(key: string): Promise<Viewer | null> {
    return (await this.identify(key))?.viewer ?? null;
  }

  /** The programme's viewer and its key's settings, or null for an unknown, revoked or malformed key. */
  async identify(key: string): Promise<Identity | null> {
    if (!API_KEY_PATTERN.test(key)) return null;
    const id = createHash("sha256").update(key).digest("hex");
    const cached = this.cache?.get(id);
    if (cached) return cached.identity;
    const { apiKeyIdentity } = await callSubgraph<{ apiKeyIdentity: ({ scopes: string[]; programmes?: string[]; territoryIds?: string[] } & ProgrammeKey) | null }>(
      this.options.peopleTerritoriesUrl,
      this.options.internalTokenSecret,
      SERVICE_VIEWER,
      QUERY,
      { key },
    );
    // A key is a programme and nothing else: only PROGRAMME, only the scopes a key may carry, and
    // its limits (programmes, territories), which every subgraph serving projects or figures applies.
    const identity: Identity | null = apiKeyIdentity
      ? {
          viewer: {
            ...ANONYMOUS,
            roles: ["PROGRAMME"],
            scopes: apiKeyIdentity.scopes.filter((scope) => Object.hasOwn(API_SCOPES, scope)),
            programmes: apiKeyIdentity.programmes ?? [],
            territories: apiKeyIdentity.territoryIds ?? [],
          },
          programme: {
            apiKeyId: apiKeyIdentity.apiKeyId,
            requestsPerMinute: apiKeyIdentity.requestsPerMinute,
            maxOperationCost: apiKeyIdentity.maxOperationCost,
            costPerMinute: apiKeyIdentity.costPerMinute,
            trustedOperationsOnly: apiKeyIdentity.trustedOperationsOnly,
          },
        }
      : null;
    this.cache?.set(id, { identity });
    return identity;
  }
}
