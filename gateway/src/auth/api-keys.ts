import { ANONYMOUS, API_SCOPES, callSubgraph, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import { LRUCache } from "lru-cache";
import { createHash } from "node:crypto";

const QUERY = `query ApiKey($key: String!) { apiKeyIdentity(key: $key) { apiKeyId scopes programmes territoryIds } }`;

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
  private readonly cache: LRUCache<string, { viewer: Viewer | null }> | null;

  constructor(private readonly options: ApiKeyOptions) {
    const ttl = options.cacheMs ?? 30_000;
    // lru-cache reads a ttl of 0 as "never expires": caching is off instead.
    this.cache = ttl > 0 ? new LRUCache({ max: options.cacheSize ?? 1000, ttl }) : null;
  }

  /** The programme's viewer, or null for an unknown, revoked or malformed key. */
  async viewer(key: string): Promise<Viewer | null> {
    if (!API_KEY_PATTERN.test(key)) return null;
    const id = createHash("sha256").update(key).digest("hex");
    const cached = this.cache?.get(id);
    if (cached) return cached.viewer;
    const { apiKeyIdentity } = await callSubgraph<{ apiKeyIdentity: { apiKeyId: string; scopes: string[]; programmes: string[]; territoryIds: string[] } | null }>(
      this.options.peopleTerritoriesUrl,
      this.options.internalTokenSecret,
      SERVICE_VIEWER,
      QUERY,
      { key },
    );
    // A key is a programme and nothing else: only PROGRAMME, only the scopes a key may carry, and
    // its limits (programmes, territories), which every subgraph serving projects or figures applies.
    const viewer: Viewer | null = apiKeyIdentity
      ? {
          ...ANONYMOUS,
          roles: ["PROGRAMME"],
          scopes: apiKeyIdentity.scopes.filter((scope) => Object.hasOwn(API_SCOPES, scope)),
          programmes: apiKeyIdentity.programmes,
          territories: apiKeyIdentity.territoryIds,
        }
      : null;
    this.cache?.set(id, { viewer });
    return viewer;
  }
}
