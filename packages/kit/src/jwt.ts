import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Compact HS256 JSON Web Tokens, enough for tokens the hub signs and verifies itself
 * (session tokens, internal gateway → subgraph tokens). Tokens from other issuers go
 * through a real OIDC client instead.
 */
const HEADER = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));

export interface JwtClaims {
  aud: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

export function signJwt(payload: Record<string, unknown>, secret: string, audience: string, ttlSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const body = base64url(JSON.stringify({ ...payload, aud: audience, iat, exp: iat + ttlSeconds }));
  return `${HEADER}.${body}.${sign(`${HEADER}.${body}`, secret)}`;
}

/** The claims of a valid token for `audience`, or null (bad shape, signature, audience or expiry). */
export function verifyJwt(token: string, secret: string, audience: string, now = Date.now()): JwtClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, secret));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: JwtClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as JwtClaims;
  } catch {
    return null;
  }
  if (claims.aud !== audience || typeof claims.exp !== "number" || claims.exp * 1000 <= now) return null;
  return claims;
}

function sign(input: string, secret: string): string {
  return createHmac("sha256", secret).update(input).digest("base64url");
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
