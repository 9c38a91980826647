import { LRUCache } from "lru-cache";
import { verifyViewerToken, type Viewer } from "./viewer";

/** A verified token: its viewer and when it expires (ms since the epoch). */
export interface VerifiedToken {
  viewer: Viewer;
  expiresAt: number;
}

/**
 * Viewer tokens of one audience whose signature was checked, by their exact text: the gateway's
 * session tokens (a caller sends the same one with every request) and the subgraphs' internal
 * tokens (the gateway signs one per viewer and reuses it for a while). Checking the HMAC and
 * decoding the claims each time was a measurable part of a small query's cost. Only valid tokens
 * are kept (a forged or altered token never matches a kept one: the key is the whole token,
 * signature included), their viewer frozen; the expiry is checked on every use. Whether a
 * session's person is still current is not decided here (the gateway's SessionChecker).
 */
export class VerifiedTokens {
  private readonly verified: LRUCache<string, VerifiedToken>;

  constructor(
    private readonly secret: string,
    private readonly audience: string,
    max = 10_000,
  ) {
    this.verified = new LRUCache({ max });
  }

  /** The viewer of a token that is well signed, for this audience and unexpired, with its expiry; else null. */
  verify(token: string, now = Date.now()): VerifiedToken | null {
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
