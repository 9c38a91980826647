import { signJwt, verifyJwt } from "./jwt";

/** What a person or program may be, as carried by the gateway's tokens. */
export const ROLES = ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"] as const;
export type Role = (typeof ROLES)[number];
/**
 * The roles a person may hold (a membership, a session token). PROGRAMME comes only from an API
 * key and SERVICE only from the gateway's own internal token: a session carrying either is forged.
 */
export const PERSON_ROLES = ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST"] as const satisfies readonly Role[];
export type PersonRole = (typeof PERSON_ROLES)[number];

export function isPersonRole(role: unknown): role is PersonRole {
  return (PERSON_ROLES as readonly unknown[]).includes(role);
}

/** Who is calling, as the gateway vouches for it. */
export interface Viewer {
  /** Person id (people-territories), null for a program or the gateway itself. */
  personId: string | null;
  organizationId: string | null;
  roles: Role[];
  /** Territorial scope: département codes (State agents) and commune INSEE codes (collectivités). */
  departements: string[];
  communes: string[];
  /** What an API key may do (programmes only), e.g. "projects:read". */
  scopes: string[];
  /**
   * What a programme's API key is limited to (see `withinKeyLimits` in policy.ts): projects of
   * one of these programmes ("CRTE", "Villages d'avenir")...
   */
  programmes: string[];
  /** ...and in one of these territories ("REGION:84", "CRTE:crte-84-01-1"). Empty: no limit of that kind. */
  territories: string[];
}

/** What a person is (people-territories' identity): a viewer without an API key's scopes and limits. */
export type PersonIdentity = Omit<Viewer, "scopes" | "programmes" | "territories">;

/** The viewer of a person: no scopes, no key limits (those are an API key's only). */
export function personViewer(identity: PersonIdentity): Viewer {
  const { personId, organizationId, roles, departements, communes } = identity;
  return { personId, organizationId, roles, departements, communes, scopes: [], programmes: [], territories: [] };
}

export const ANONYMOUS: Viewer = { personId: null, organizationId: null, roles: [], departements: [], communes: [], scopes: [], programmes: [], territories: [] };
export const SERVICE_VIEWER: Viewer = { ...ANONYMOUS, roles: ["SERVICE"] };

export const INTERNAL_AUDIENCE = "hub-internal";
/** Internal tokens live one minute: long enough for one federated request. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/** The header carrying the internal token from the gateway to a subgraph. */
export const INTERNAL_TOKEN_HEADER = "x-hub-internal-token";

export function isAuthenticated(viewer: Viewer): boolean {
  return viewer.roles.length > 0;
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.roles.some((role) => roles.includes(role));
}

export function signViewer(viewer: Viewer, secret: string, audience: string, ttlSeconds: number): string {
  return signJwt(
    { sub: viewer.personId, org: viewer.organizationId, roles: viewer.roles, dep: viewer.departements, com: viewer.communes, scp: viewer.scopes, prg: viewer.programmes, ter: viewer.territories },
    secret,
    audience,
    ttlSeconds,
  );
}

/** The viewer a token vouches for, or null when it is not a valid token for `audience`. */
export function verifyViewer(token: string, secret: string, audience: string): Viewer | null {
  return verifyViewerToken(token, secret, audience)?.viewer ?? null;
}

/** The viewer a token vouches for and when the token expires (ms since the epoch), or null. */
export function verifyViewerToken(token: string, secret: string, audience: string): { viewer: Viewer; expiresAt: number } | null {
  const claims = verifyJwt(token, secret, audience);
  if (!claims) return null;
  return { viewer: viewerOfClaims(claims), expiresAt: claims.exp * 1000 };
}

function viewerOfClaims(claims: Record<string, unknown>): Viewer {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  return {
    personId: typeof claims.sub === "string" ? claims.sub : null,
    organizationId: typeof claims.org === "string" ? claims.org : null,
    roles: strings(claims.roles).filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    departements: strings(claims.dep),
    communes: strings(claims.com),
    scopes: strings(claims.scp),
    programmes: strings(claims.prg),
    territories: strings(claims.ter),
  };
}

export function signInternalToken(viewer: Viewer, secret: string): string {
  return signViewer(viewer, secret, INTERNAL_AUDIENCE, INTERNAL_TOKEN_TTL_SECONDS);
}

/** The viewer of a subgraph REST call, from the gateway's internal token header; null without a valid one. */
export function viewerFromHeaders(headers: Record<string, string | string[] | undefined>, secret: string): Viewer | null {
  const token = headers[INTERNAL_TOKEN_HEADER];
  return typeof token === "string" ? verifyViewer(token, secret, INTERNAL_AUDIENCE) : null;
}
