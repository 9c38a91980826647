import { ANONYMOUS, signViewer, unauthenticated, verifyViewer, type Viewer } from "@hub/kit";

export const SESSION_AUDIENCE = "hub-session";
/** Session tokens last a working day, like a ProConnect session. */
export const SESSION_TTL_SECONDS = 12 * 3600;

export function signSession(viewer: Viewer, secret: string): string {
  return signViewer(viewer, secret, SESSION_AUDIENCE, SESSION_TTL_SECONDS);
}

/**
 * The viewer behind an `Authorization` header: anonymous without one, UNAUTHENTICATED
 * for a malformed, forged or expired token.
 */
export function viewerFromAuthorization(header: unknown, secret: string): Viewer {
  if (header === undefined || header === null || header === "") return ANONYMOUS;
  const match = typeof header === "string" ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
  const viewer = match ? verifyViewer(match[1], secret, SESSION_AUDIENCE) : null;
  if (!viewer) {
    const error = unauthenticated("Invalid or expired token");
    (error.extensions as Record<string, unknown>).http = { status: 401 };
    throw error;
  }
  return viewer;
}
