import { ANONYMOUS, isPersonRole, signViewer, unauthenticated, upstreamUnavailable, type VerifiedTokens, type Viewer } from "@hub/kit";
import type { GraphQLError } from "graphql";
import type { ApiKeyAuthenticator, ProgrammeKey } from "./api-keys";
import type { SessionChecker } from "./session-checker";

export const SESSION_AUDIENCE = "hub-session";
/** Session tokens last a working day, like a ProConnect session. */
export const SESSION_TTL_SECONDS = 12 * 3600;

/** A session is a person's: one person role, their organisation. Anything else is a forgery. */
function isPersonSession(viewer: Viewer): boolean {
  return (
    viewer.personId !== null &&
    viewer.organizationId !== null &&
    viewer.roles.length > 0 &&
    viewer.roles.every(isPersonRole) &&
    viewer.scopes.length === 0 &&
    viewer.programmes.length === 0 &&
    viewer.territories.length === 0
  );
}

/** Signs a person's session; refuses a viewer that is not a person (SERVICE, PROGRAMME, anonymous). */
export function signSession(viewer: Viewer, secret: string, ttlSeconds = SESSION_TTL_SECONDS): string {
  if (!isPersonSession(viewer)) throw new Error("only a person with person roles has a session");
  return signViewer(viewer, secret, SESSION_AUDIENCE, ttlSeconds);
}

function refused(message = "Invalid or expired token"): GraphQLError {
  const error = unauthenticated(message);
  (error.extensions as Record<string, unknown>).http = { status: 401 };
  return error;
}

/** The viewer behind a credential, and when the credential expires (null: never, or not before it is re-checked). */
export interface Credential {
  viewer: Viewer;
  /** Milliseconds since the epoch: a session token's `exp`. */
  expiresAt: number | null;
  /** The API key, for a programme (re-checked to notice a revocation). */
  apiKey: string | null;
  /** The key's id, rate, cost budget and trusted-documents mode, for a programme. */
  programme: ProgrammeKey | null;
}

export type Authenticate = (header: unknown) => Promise<Credential>;

/**
 * The credential behind an `Authorization` header: anonymous without one; a programme for an API
 * key (`Bearer hubk_...`, PROGRAMME only); a person for a session token, whose person is still
 * ACTIVE and in the organisation and role the token carries (asked of people-territories, cached).
 * UNAUTHENTICATED (401) for a malformed, forged, expired or revoked credential, and for a session
 * token claiming a role no person holds (SERVICE, PROGRAMME): those come only from the hub itself.
 */
export async function credentialFromAuthorization(header: unknown, tokens: VerifiedTokens, apiKeys: ApiKeyAuthenticator, sessions: SessionChecker): Promise<Credential> {
  if (header === undefined || header === null || header === "") return { viewer: ANONYMOUS, expiresAt: null, apiKey: null, programme: null };
  const match = typeof header === "string" ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
  if (!match) throw refused();
  if (match[1].startsWith("hubk_")) {
    const identity = await unavailableAsError(apiKeys.identify(match[1]));
    if (!identity) throw refused();
    return { viewer: identity.viewer, expiresAt: null, apiKey: match[1], programme: identity.programme };
  }
  const session = tokens.verify(match[1]);
  if (!session || !isPersonSession(session.viewer)) throw refused();
  if (!(await unavailableAsError(sessions.isCurrent(session.viewer)))) throw refused("This session has ended: sign in again");
  return { viewer: session.viewer, expiresAt: session.expiresAt, apiKey: null, programme: null };
}

/** people-territories unreachable: 503, without its address. */
async function unavailableAsError<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch {
    const error = upstreamUnavailable("Service people-territories is unavailable");
    (error.extensions as Record<string, unknown>).http = { status: 503 };
    (error.extensions as Record<string, unknown>).serviceName = "people-territories";
    throw error;
  }
}
