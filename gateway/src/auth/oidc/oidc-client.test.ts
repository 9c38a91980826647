import { freePort } from "@hub/local-postgres";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OidcClient, OidcError, OidcUnavailableError } from "./oidc-client";

/** A provider that only publishes metadata (what discovery and the authorization request need). */
async function metadataServer(metadata: (issuer: string) => Record<string, unknown>, port = 0): Promise<{ issuer: string; server: Server }> {
  let issuer = "";
  const server = createServer((request, response) => {
    if (request.url !== "/api/v2/.well-known/openid-configuration") return void response.writeHead(404).end();
    response.setHeader("content-type", "application/json").end(JSON.stringify(metadata(issuer)));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
  return { issuer, server };
}

/** Metadata like ProConnect's, as far as the client cares. */
const proconnectLike = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  userinfo_endpoint: `${issuer}/userinfo`,
  jwks_uri: `${issuer}/jwks`,
  end_session_endpoint: `${issuer}/session/end`,
  id_token_signing_alg_values_supported: ["ES256", "RS256", "HS256"],
  userinfo_signing_alg_values_supported: ["ES256", "RS256", "HS256"],
  token_endpoint_auth_methods_supported: ["client_secret_post"],
});

const NO_ALGORITHM = "provider metadata announces no usable id_token or userinfo signing algorithm";

const client = (issuer: string) => new OidcClient({ issuer, clientId: "hub", clientSecret: "secret", redirectUri: "https://hub.example/auth/proconnect/callback", scopes: "openid email" });

describe("OpenID Connect client: discovery and the authorization request", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });
  async function provider(metadata: (issuer: string) => Record<string, unknown>, port = 0): Promise<string> {
    const { issuer, server } = await metadataServer(metadata, port);
    servers.push(server);
    return issuer;
  }

  it("sends no PKCE parameter to a provider that does not announce S256 (ProConnect refuses unknown ones)", async () => {
    const issuer = await provider(proconnectLike);
    const { url, flow } = await client(issuer).authorizationRequest();
    expect([[...new URL(url).searchParams.keys()].sort(), flow.codeVerifier]).toEqual([["client_id", "nonce", "redirect_uri", "response_type", "scope", "state"], null]);
  });

  it("sends a PKCE S256 challenge when the provider announces it", async () => {
    const issuer = await provider((iss) => ({ ...proconnectLike(iss), code_challenge_methods_supported: ["plain", "S256"] }));
    const { url, flow } = await client(issuer).authorizationRequest();
    expect([new URL(url).searchParams.get("code_challenge_method"), flow.codeVerifier?.length]).toEqual(["S256", 43]);
  });

  it.each([
    ["announces only alg none", (iss: string) => ({ ...proconnectLike(iss), id_token_signing_alg_values_supported: ["none"] }), NO_ALGORITHM],
    ["announces no userinfo signing algorithm", (iss: string) => ({ ...proconnectLike(iss), userinfo_signing_alg_values_supported: undefined }), NO_ALGORITHM],
    ["publishes no JWKS", (iss: string) => ({ ...proconnectLike(iss), jwks_uri: undefined }), "provider metadata without jwks_uri or userinfo_endpoint"],
  ])("refuses to work with a provider that %s", async (_label, metadata, message) => {
    const issuer = await provider(metadata);
    await expect(client(issuer).authorizationRequest()).rejects.toEqual(new OidcError(message));
  });

  it("refuses metadata whose issuer is not the configured one", async () => {
    const issuer = await provider(() => proconnectLike("https://evil.example/api/v2"));
    await expect(client(issuer).authorizationRequest()).rejects.toEqual(new OidcError("discovered metadata issuer does not match the expected issuer"));
  });

  it("tells an unreachable provider apart, and discovers again once it is back", async () => {
    const port = await freePort();
    const later = client(`http://127.0.0.1:${port}/api/v2`);
    await expect(later.authorizationRequest()).rejects.toBeInstanceOf(OidcUnavailableError);
    await expect(later.signIn(new URLSearchParams({ code: "c", state: "s" }), { state: "s", nonce: "n", codeVerifier: null })).rejects.toBeInstanceOf(OidcUnavailableError);
    await provider(proconnectLike, port);
    expect(new URL((await later.authorizationRequest()).url).origin).toBe(`http://127.0.0.1:${port}`);
  });
});
