import { createRemoteJWKSet, customFetch, errors, jwtVerify, type FetchImplementation, type JWTPayload } from "jose";

/**
 * Algorithms we know how to check: asymmetric ones with the provider's published keys, HMAC
 * ones with the client secret (ProConnect offers HS256 to clients that ask for it). "none" is
 * not among them, whatever a provider announces.
 */
const VERIFIABLE = new Set(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519", "HS256", "HS384", "HS512"]);

/** The algorithms to accept for a kind of JWT: those the provider's metadata announces that we can check. */
export function pinnedAlgorithms(announced: unknown): string[] {
  return Array.isArray(announced) ? announced.filter((alg): alg is string => typeof alg === "string" && VERIFIABLE.has(alg)) : [];
}

export interface JwtVerifierOptions {
  /** The provider's `jwks_uri`. */
  jwksUri: URL;
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud` (our client id). */
  clientId: string;
  /** Key of HS256/384/512 signatures. */
  clientSecret: string;
  /** Allowed clock skew in seconds (default 60). */
  clockToleranceSeconds?: number;
  /** How long a JWKS fetch may take, in ms (default 5000). */
  timeoutMs?: number;
  /**
   * Minimum time between two JWKS fetches, in ms (default 30 000): a token with an unknown
   * `kid` (a key rotation) triggers a fetch, but a flood of forged kids cannot make us hammer
   * the provider.
   */
  cooldownMs?: number;
  /** How long fetched keys are trusted before being fetched again, in ms (default 10 minutes). */
  cacheMaxAgeMs?: number;
  /** Replaces fetch for the JWKS requests (the gateway marks network failures with it). */
  fetch?: FetchImplementation;
}

/** Checks signed JWTs from one OpenID provider: signature (pinned algorithms), iss, aud, exp/nbf. */
export class JwtVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret: Uint8Array;

  constructor(private readonly options: JwtVerifierOptions) {
    this.keys = createRemoteJWKSet(options.jwksUri, {
      timeoutDuration: options.timeoutMs ?? 5_000,
      cooldownDuration: options.cooldownMs ?? 30_000,
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
      ...(options.fetch ? { [customFetch]: options.fetch } : {}),
    });
    this.secret = new TextEncoder().encode(options.clientSecret);
  }

  /**
   * The claims of `token` if it is signed with one of `algorithms` by the provider (or, for
   * HS*, with our client secret), is for us, from the issuer, and not expired. Throws otherwise
   * (jose's errors). An empty `algorithms` list refuses everything.
   */
  async verify(token: string, algorithms: string[], requiredClaims: string[]): Promise<JWTPayload> {
    if (algorithms.length === 0) throw new errors.JOSEAlgNotAllowed("no signing algorithm allowed");
    const { payload } = await jwtVerify(token, (header, jws) => (header.alg.startsWith("HS") ? this.secret : this.keys(header, jws)), {
      algorithms,
      issuer: this.options.issuer,
      audience: this.options.clientId,
      clockTolerance: this.options.clockToleranceSeconds ?? 60,
      requiredClaims,
    });
    return payload;
  }
}
