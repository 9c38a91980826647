import { ANONYMOUS, signViewer, unauthenticated, verifyViewer, type Viewer } from "@hub/kit";
import type { GraphQLError } from "graphql";
import type { ApiKeyAuthenticator } from "./api-keys";

export const SESSION_AUDIENCE = "hub-session";
/** Session tokens last a working day, like a ProConnect session. */
export const SESSION_TTL_SECONDS = 12 * 3600;

export function signSession(viewer: Viewer, secret: string): string {
  return signViewer(viewer, secret, SESSION_AUDIENCE, SESSION_TTL_SECONDS);
}

function refused(): GraphQLError {
  const error = unauthenticated("Invalid or expired token");
  (error.extensions as Record<string, unknown>).http = { status: 401 };
  return error;
}

/**
 * The viewer behind an `Authorization` header: anonymous without one; a programme for an API
 * key (`Bearer hubk_...`); a person for a session token. UNAUTHENTICATED (401) for a
 * malformed, forged, expired or revoked credential.
 */
export async function viewerFromAuthorization(header: unknown, secret: string, apiKeys: ApiKeyAuthenticator): Promise<Viewer> {
  if (header === undefined || header === null || header === "") return ANONYMOUS;
  const match = typeof header === "string" ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
  if (!match) throw refused();
  const viewer = match[1].startsWith("hubk_") ? await apiKeys.viewer(match[1]) : verifyViewer(match[1], secret, SESSION_AUDIENCE);
  if (!viewer) throw refused();
  return viewer;
}
