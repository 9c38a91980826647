import * as oidc from "openid-client";
import { JwtVerifier, pinnedAlgorithms } from "./jwt-verifier";

export interface OidcClientOptions {
  /** Issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2 (discovery at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Space-separated scopes; must include openid. */
  scopes: string;
  /** How long one request to the provider may take, in seconds (default 10). */
  timeoutSeconds?: number;
}

/** The provider answered, but what it said does not prove who signed in (bad token, state, signature...). */
export class OidcError extends Error {}

/** The provider could not be reached (network failure, timeout). */
export class OidcUnavailableError extends Error {}

/** What the browser keeps between leaving for the provider and coming back (signed HttpOnly cookie). */
export interface OidcFlow {
  state: string;
  nonce: string;
  /** PKCE code verifier; null when the provider does not announce S256 (see docs/proconnect.md). */
  codeVerifier: string | null;
}

/** Who signed in, as ProConnect says (claims of the signed userinfo response). */
export interface OidcIdentity {
  sub: string;
  email: string;
  givenName: string | null;
  usualName: string | null;
  siret: string | null;
  organizationalUnit: string | null;
  roles: string[];
  idToken: string;
}

interface Provider {
  config: oidc.Configuration;
  userinfoEndpoint: URL;
  pkce: boolean;
  idTokenAlgorithms: string[];
  userinfoAlgorithms: string[];
  verifier: JwtVerifier;
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** fetch, with network failures told apart from answers the provider gave. */
async function guardedFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (cause) {
    throw new OidcUnavailableError(`${new URL(url).host} is unreachable`, { cause });
  }
}

/**
 * guardedFetch as the custom fetch of openid-client and jose, which each declare their own
 * request options: Node's RequestInit accepts them, DOM's does not (tsconfig.tests.json loads
 * lib dom and type-checks this file too).
 */
const customFetch = guardedFetch as never;

/** Any failure as one of ours: OidcUnavailableError if the network failed on the way, else OidcError. */
function classify(error: unknown): OidcError | OidcUnavailableError {
  if (error instanceof OidcError || error instanceof OidcUnavailableError) return error;
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof OidcUnavailableError) return new OidcUnavailableError(e.message, { cause: error });
  }
  return new OidcError(error instanceof Error ? error.message : "OpenID Connect failure", { cause: error });
}

/**
 * The OpenID Connect relying party for ProConnect, on openid-client (flow, PKCE, state, nonce,
 * client_secret_post, id_token claims) and jose (signatures of the id_token and of the signed
 * userinfo, with the algorithms pinned to those the provider's metadata announces, and its
 * JWKS cached with a cooldown).
 */
export class OidcClient {
  private provider: Promise<Provider> | null = null;

  constructor(private readonly options: OidcClientOptions) {}

  /** Where to send the browser, and what it must bring back. Throws OidcUnavailableError or OidcError (bad metadata). */
  async authorizationRequest(): Promise<{ url: string; flow: OidcFlow }> {
    const { config, pkce } = await this.discover();
    const flow: OidcFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: pkce ? oidc.randomPKCECodeVerifier() : null };
    // ProConnect refuses any parameter it does not know (Y000400): only these (client_id and
    // response_type=code are added by openid-client).
    const parameters: Record<string, string> = { redirect_uri: this.options.redirectUri, scope: this.options.scopes, state: flow.state, nonce: flow.nonce };
    if (flow.codeVerifier) {
      parameters.code_challenge = await oidc.calculatePKCECodeChallenge(flow.codeVerifier);
      parameters.code_challenge_method = "S256";
    }
    return { url: oidc.buildAuthorizationUrl(config, parameters).toString(), flow };
  }

  /**
   * Exchanges the code of the callback (its query parameters) and reads the signed userinfo.
   * Throws OidcUnavailableError when the provider is unreachable, OidcError for anything else.
   */
  async signIn(callback: URLSearchParams, flow: OidcFlow): Promise<OidcIdentity> {
    try {
      return await this.exchange(callback, flow);
    } catch (error) {
      throw classify(error);
    }
  }

  private async exchange(callback: URLSearchParams, flow: OidcFlow): Promise<OidcIdentity> {
    const provider = await this.discover();
    // The configured redirect URI, not the request's URL: behind a proxy they differ, and the
    // token request must repeat the one sent to the provider.
    const currentUrl = new URL(this.options.redirectUri);
    for (const [name, value] of callback) currentUrl.searchParams.append(name, value);
    // Checks state, iss (RFC 9207, when announced), the PKCE verifier (at the provider), and
    // the id_token's iss, aud, exp, iat, nonce and alg against the metadata.
    const tokens = await oidc.authorizationCodeGrant(provider.config, currentUrl, {
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.codeVerifier ?? undefined,
      idTokenExpected: true,
    });
    // openid-client already refuses a token response without id_token (idTokenExpected).
    const idToken = tokens.id_token;
    if (idToken === undefined) throw new OidcError("token response without id_token");
    // openid-client trusts TLS for the id_token's origin; we also check its signature.
    const idClaims = await provider.verifier.verify(idToken, provider.idTokenAlgorithms, ["sub", "exp", "iat", "nonce"]);
    if (idClaims.nonce !== flow.nonce) throw new OidcError("id_token nonce mismatch");
    const sub = idClaims.sub;
    if (sub === undefined) throw new OidcError("id_token without sub");

    const response = await oidc.fetchProtectedResource(provider.config, tokens.access_token, provider.userinfoEndpoint, "GET");
    if (response.status !== 200) throw new OidcError(`userinfo endpoint answered ${response.status}`);
    // Signed userinfo only: the claims decide who the person is and which organisation they join.
    if ((response.headers.get("content-type") ?? "").split(";")[0].trim() !== "application/jwt") throw new OidcError("userinfo is not a signed JWT");
    const claims = await provider.verifier.verify((await response.text()).trim(), provider.userinfoAlgorithms, ["sub"]);
    if (claims.sub !== sub) throw new OidcError("userinfo sub differs from id_token sub");
    if (typeof claims.email !== "string" || claims.email === "") throw new OidcError("userinfo without email");
    // ProConnect's identity providers verify emails and it sends no email_verified; one saying
    // false explicitly cannot be used, since accounts are matched by email.
    if (claims.email_verified === false) throw new OidcError("userinfo email is not verified");
    const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
    return {
      sub,
      email: claims.email.toLowerCase(),
      givenName: text(claims.given_name),
      usualName: text(claims.usual_name),
      siret: text(claims.siret),
      organizationalUnit: text(claims.organizational_unit),
      roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [],
      idToken,
    };
  }

  /** Discovery, once (again after a failure). */
  private discover(): Promise<Provider> {
    this.provider ??= this.load().catch((error: unknown) => {
      this.provider = null;
      throw classify(error);
    });
    return this.provider;
  }

  private async load(): Promise<Provider> {
    const issuer = new URL(this.options.issuer);
    // Plain HTTP only for a provider on this machine (tests, local development).
    const insecure = issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
    const config = await oidc.discovery(issuer, this.options.clientId, undefined, oidc.ClientSecretPost(this.options.clientSecret), {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- openid-client marks it so only to make it stand out; loopback only, as above
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: this.options.timeoutSeconds ?? 10,
      [oidc.customFetch]: customFetch,
    });
    const metadata = config.serverMetadata();
    const idTokenAlgorithms = pinnedAlgorithms(metadata.id_token_signing_alg_values_supported);
    const userinfoAlgorithms = pinnedAlgorithms(metadata.userinfo_signing_alg_values_supported);
    if (!metadata.jwks_uri || !metadata.userinfo_endpoint) throw new OidcError("provider metadata without jwks_uri or userinfo_endpoint");
    if (idTokenAlgorithms.length === 0 || userinfoAlgorithms.length === 0) throw new OidcError("provider metadata announces no usable id_token or userinfo signing algorithm");
    return {
      config,
      userinfoEndpoint: new URL(metadata.userinfo_endpoint),
      pkce: metadata.supportsPKCE("S256"),
      idTokenAlgorithms,
      userinfoAlgorithms,
      verifier: new JwtVerifier({
        jwksUri: new URL(metadata.jwks_uri),
        issuer: metadata.issuer,
        clientId: this.options.clientId,
        clientSecret: this.options.clientSecret,
        timeoutMs: (this.options.timeoutSeconds ?? 10) * 1000,
        fetch: customFetch,
      }),
    };
  }
}
