import { ANONYMOUS, API_SCOPES, callSubgraph, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import { createHash } from "node:crypto";

const QUERY = `query ApiKey($key: String!) { apiKeyIdentity(key: $key) { apiKeyId scopes } }`;

/** Programme keys look like `hubk_<12 hex>_<43 base64url>`. */
export const API_KEY_PATTERN = /^hubk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

export interface ApiKeyOptions {
  peopleTerritoriesUrl: string;
  internalTokenSecret: string;
  /** How long an answer is reused (default 30 s): a revoked key stops working within that time. */
  cacheMs?: number;
  /** Most keys remembered at once (default 1,000). */
  cacheSize?: number;
}

/**
 * Authenticates programmes' API keys with people-territories (which holds their hashes),
 * remembering answers briefly so a programme's requests do not each cost a lookup.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { viewer: Viewer | null; until: number }>();

  constructor(private readonly options: ApiKeyOptions) {}

  /** The programme's viewer, or null for an unknown, revoked or malformed key. */
  async viewer(key: string): Promise<Viewer | null> {
    if (!API_KEY_PATTERN.test(key)) return null;
    const id = createHash("sha256").update(key).digest("hex");
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.viewer;
    const { apiKeyIdentity } = await callSubgraph<{ apiKeyIdentity: { apiKeyId: string; scopes: string[] } | null }>(
      this.options.peopleTerritoriesUrl,
      this.options.internalTokenSecret,
      SERVICE_VIEWER,
      QUERY,
      { key },
    );
    // A key is a programme and nothing else: only PROGRAMME, only the scopes a key may carry.
    const viewer: Viewer | null = apiKeyIdentity ? { ...ANONYMOUS, roles: ["PROGRAMME"], scopes: apiKeyIdentity.scopes.filter((scope) => Object.hasOwn(API_SCOPES, scope)) } : null;
    if (this.cache.size >= (this.options.cacheSize ?? 1000)) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { viewer, until: Date.now() + (this.options.cacheMs ?? 30_000) });
    return viewer;
  }
}
