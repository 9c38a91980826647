import { verifyViewerToken, type Viewer } from "@hub/kit";
import { LRUCache } from "lru-cache";

/** A verified session token: its person and when it expires (ms since the epoch). */
export interface VerifiedSession {
  viewer: Viewer;
  expiresAt: number;
}

/**
 * Session tokens whose signature was checked, by their exact text: a caller sends the same
 * token with every request, and checking its HMAC and decoding its claims each time was a
 * measurable part of a small query's cost. Only valid tokens are kept (a forged or altered
 * token never matches a kept one: the key is the whole token, signature included), their
 * viewer frozen; the expiry is checked on every use. Whether the person is still current is
 * not decided here (SessionChecker, cached on its own terms).
 */
export class SessionTokens {
  private readonly verified: LRUCache<string, VerifiedSession>;

  constructor(
    private readonly secret: string,
    private readonly audience: string,
    max = 10_000,
  ) {
    this.verified = new LRUCache({ max });
  }

  /** The session of a token that is well signed, for this audience and unexpired; else null. */
  verify(token: string, now = Date.now()): VerifiedSession | null {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > now) return known;
      this.verified.delete(token);
      return null;
    }
    const session = verifyViewerToken(token, this.secret, this.audience);
    if (!session || session.expiresAt <= now) return null;
    const kept = { viewer: freeze(session.viewer), expiresAt: session.expiresAt };
    this.verified.set(token, kept);
    return kept;
  }
}

function freeze(viewer: Viewer): Viewer {
  for (const value of Object.values(viewer)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(viewer);
}
