import { signInternalToken, type Viewer } from "@hub/kit";

/** Tokens live 60 s (INTERNAL_TOKEN_TTL_SECONDS): one is reused for 20 s, so it has 40 s left at least. */
const REUSE_MS = 20_000;
const MAX_VIEWERS = 10_000;

/** What a subgraph sees of a viewer (the claims of the internal token), as a key. */
export function viewerKey(viewer: Viewer): string {
  // Every claim the token carries, an API key's limits included: two viewers differing in any
  // claim never share a token nor, through coalescing, an answer.
  return JSON.stringify([viewer.personId, viewer.organizationId, viewer.roles, viewer.departements, viewer.communes, viewer.scopes, viewer.programmes, viewer.territories]);
}

/**
 * Internal tokens by viewer: signing one per subgraph call was a measurable part of a small
 * query's cost. The same claims get the same token for 20 s; a token never outlives its 60 s.
 */
export class InternalTokens {
  private readonly signed = new Map<string, { token: string; at: number }>();

  constructor(private readonly secret: string) {}

  for(viewer: Viewer): string {
    const key = viewerKey(viewer);
    const now = Date.now();
    const known = this.signed.get(key);
    if (known && now - known.at < REUSE_MS) return known.token;
    if (this.signed.size >= MAX_VIEWERS) this.signed.clear();
    const token = signInternalToken(viewer, this.secret);
    this.signed.set(key, { token, at: now });
    return token;
  }
}
