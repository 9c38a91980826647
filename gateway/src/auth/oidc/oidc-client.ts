import { decodeJws, verifyJws, type Jwk } from "./jws";

export interface OidcClientOptions {
  /** Issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2 (discovery at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Space-separated scopes; must include openid. */
  scopes: string;
  /** Allowed clock skew in seconds (default 60). */
  clockSkewSeconds?: number;
  timeoutMs?: number;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

export class OidcError extends Error {}

/** Who signed in, as ProConnect says (claims of the userinfo response). */
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

/**
 * A small OpenID Connect relying party for ProConnect: authorization-code flow with
 * client_secret_post, id_token checks (signature by the provider's JWKS or HS256, iss, aud,
 * exp, nonce), and a userinfo answer that may be JSON or a signed JWT.
 */
export class OidcClient {
  private discovery: Promise<Discovery> | null = null;
  private keys: Jwk[] = [];

  constructor(private readonly options: OidcClientOptions) {}

  async authorizationUrl(state: string, nonce: string): Promise<string> {
    const { authorization_endpoint } = await this.discover();
    const url = new URL(authorization_endpoint);
    // ProConnect refuses any parameter it does not know (Y000400): exactly these.
    for (const [name, value] of Object.entries({ response_type: "code", client_id: this.options.clientId, redirect_uri: this.options.redirectUri, scope: this.options.scopes, state, nonce })) {
      url.searchParams.set(name, value);
    }
    return url.toString();
  }

  /** Exchanges the code, checks the id_token, reads userinfo. Throws OidcError on any mismatch. */
  async signIn(code: string, nonce: string): Promise<OidcIdentity> {
    const discovery = await this.discover();
    const tokenResponse = await this.fetch(discovery.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: this.options.redirectUri, client_id: this.options.clientId, client_secret: this.options.clientSecret }),
    });
    if (!tokenResponse.ok) throw new OidcError(`token endpoint answered ${tokenResponse.status}`);
    const tokens = (await tokenResponse.json()) as { id_token?: string; access_token?: string };
    if (!tokens.id_token || !tokens.access_token) throw new OidcError("token response without id_token or access_token");
    const idClaims = await this.verifyJwt(tokens.id_token);
    if (idClaims.nonce !== nonce) throw new OidcError("id_token nonce mismatch");
    if (typeof idClaims.sub !== "string" || idClaims.sub === "") throw new OidcError("id_token without sub");

    const userinfoResponse = await this.fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    if (!userinfoResponse.ok) throw new OidcError(`userinfo endpoint answered ${userinfoResponse.status}`);
    const contentType = userinfoResponse.headers.get("content-type") ?? "";
    const claims = contentType.includes("application/jwt")
      ? await this.verifyJwt((await userinfoResponse.text()).trim(), { requireExpiry: false })
      : ((await userinfoResponse.json()) as Record<string, unknown>);
    if (claims.sub !== idClaims.sub) throw new OidcError("userinfo sub differs from id_token sub");
    if (typeof claims.email !== "string" || claims.email === "") throw new OidcError("userinfo without email");
    const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
    return {
      sub: idClaims.sub,
      email: claims.email.toLowerCase(),
      givenName: text(claims.given_name),
      usualName: text(claims.usual_name),
      siret: text(claims.siret),
      organizationalUnit: text(claims.organizational_unit),
      roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [],
      idToken: tokens.id_token,
    };
  }

  private async verifyJwt(token: string, { requireExpiry = true } = {}): Promise<Record<string, unknown>> {
    const discovery = await this.discover();
    const kid = decodeJws(token)?.header.kid;
    if (kid !== undefined && !this.keys.some((key) => key.kid === kid)) await this.loadKeys(discovery);
    const claims = verifyJws(token, this.keys, this.options.clientSecret);
    if (!claims) throw new OidcError("invalid JWT signature");
    const now = Math.floor(Date.now() / 1000);
    const skew = this.options.clockSkewSeconds ?? 60;
    if (claims.iss !== discovery.issuer) throw new OidcError("JWT from another issuer");
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audience.includes(this.options.clientId)) throw new OidcError("JWT for another audience");
    if (typeof claims.exp === "number" ? claims.exp + skew < now : requireExpiry) throw new OidcError("expired JWT");
    return claims;
  }

  private discover(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const response = await this.fetch(`${this.options.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, {});
      if (!response.ok) throw new OidcError(`discovery answered ${response.status}`);
      const discovery = (await response.json()) as Discovery;
      if (discovery.issuer !== this.options.issuer) throw new OidcError("discovery issuer differs from the configured issuer");
      await this.loadKeys(discovery);
      return discovery;
    })().catch((error: unknown) => {
      this.discovery = null;
      throw error;
    });
    return this.discovery;
  }

  private async loadKeys(discovery: Discovery): Promise<void> {
    const response = await this.fetch(discovery.jwks_uri, {});
    if (!response.ok) throw new OidcError(`jwks answered ${response.status}`);
    this.keys = ((await response.json()) as { keys?: Jwk[] }).keys ?? [];
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch {
      throw new OidcError(`${new URL(url).host} is unreachable`);
    }
  }
}
