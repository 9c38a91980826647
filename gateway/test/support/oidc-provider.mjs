// A local OpenID provider configured like ProConnect, for the gateway's sign-in tests:
// issuer under /api/v2, client_secret_post, RS256-signed id_token AND userinfo (application/jwt),
// ProConnect's scopes and claims (given_name, usual_name, email, siret, organizational_unit,
// roles). Login and consent complete at once for the account chosen with POST /test/account.
// Usage: node oidc-provider.mjs <port> <client id> <client secret> <redirect uri>
import express from "express";
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}/api/v2`;
const accounts = new Map();
let nextAccount = null;

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
      userinfo_signed_response_alg: "RS256",
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-rs256", use: "sig", alg: "RS256" }] },
  scopes: ["openid", "email", "given_name", "usual_name", "siret", "organizational_unit", "roles"],
  claims: {
    openid: ["sub"],
    email: ["email"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
    siret: ["siret"],
    organizational_unit: ["organizational_unit"],
    roles: ["roles"],
  },
  findAccount: (_ctx, sub) => {
    const claims = accounts.get(sub);
    return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
  },
  features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true } },
  pkce: { required: () => false },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

const app = express();
app.post("/test/account", express.json(), (request, response) => {
  const { sub, ...claims } = request.body;
  accounts.set(sub, claims);
  nextAccount = sub;
  response.json({ ok: true });
});
app.get("/interaction/:uid", async (request, response, next) => {
  try {
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name === "login") {
      return await provider.interactionFinished(request, response, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  } catch (error) {
    next(error);
  }
});
app.use("/api/v2", provider.callback());
app.listen(Number(port), "127.0.0.1", () => console.log(`oidc ready ${issuer}`));
