import { createHmac, createPublicKey, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from "node:crypto";

/** A JSON Web Key as published at an OpenID provider's jwks_uri. */
export interface Jwk extends JsonWebKey {
  kid?: string;
  kty?: string;
  alg?: string;
  use?: string;
}

export interface JwsParts {
  header: { alg?: string; kid?: string; typ?: string };
  claims: Record<string, unknown>;
}

/** Splits a compact JWS without checking it. Null when it is not one. */
export function decodeJws(token: string): (JwsParts & { signingInput: string; signature: Buffer }) | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as JwsParts["header"];
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof header !== "object" || header === null || typeof claims !== "object" || claims === null) return null;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], "base64url") };
  } catch {
    return null;
  }
}

/** The algorithms ProConnect may sign with (EXTERNAL-APIS.md §4.3); "none" and others are refused. */
export const ALGORITHMS = ["RS256", "ES256", "HS256"] as const;

/**
 * Checks a JWS signature: RS256/ES256 with the provider's keys (by `kid`), HS256 with the
 * client secret. Returns the claims, or null for a bad signature, an unknown key or algorithm.
 */
export function verifyJws(token: string, keys: Jwk[], clientSecret: string): Record<string, unknown> | null {
  const jws = decodeJws(token);
  if (!jws) return null;
  const alg = jws.header.alg;
  const input = Buffer.from(jws.signingInput);
  if (alg === "HS256") {
    const expected = createHmac("sha256", clientSecret).update(input).digest();
    return expected.length === jws.signature.length && timingSafeEqual(expected, jws.signature) ? jws.claims : null;
  }
  if (alg !== "RS256" && alg !== "ES256") return null;
  const candidates = keys.filter((key) => (jws.header.kid === undefined || key.kid === jws.header.kid) && key.kty === (alg === "RS256" ? "RSA" : "EC") && key.use !== "enc");
  for (const jwk of candidates) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk, format: "jwk" });
    } catch {
      continue;
    }
    const ok = alg === "RS256" ? verify("sha256", input, key, jws.signature) : verify("sha256", input, { key, dsaEncoding: "ieee-p1363" }, jws.signature);
    if (ok) return jws.claims;
  }
  return null;
}
