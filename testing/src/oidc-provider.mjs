// A local OpenID provider configured like ProConnect, for the gateway's sign-in tests:
// issuer under /api/v2, client_secret_post, RS256-signed id_token AND userinfo (application/jwt),
// ProConnect's scopes and claims (given_name, usual_name, email, siret, organizational_unit,
// roles). Stricter than ProConnect where the gateway should cope: PKCE (S256) is required, and
// only RS256/ES256 are announced for id_tokens and userinfo. Login and consent complete at once
// for the account chosen with POST /test/account. POST /test/forge {target, how, claims?}
// replaces the next id_token ("id_token") or userinfo ("userinfo") with a forgery, as an
// attacker between the gateway and the provider, or a provider gone wrong, would.
// Usage: node oidc-provider.mjs <port> <client id> <client secret> <redirect uri>
import express from "express";
import { SignJWT, decodeJwt } from "jose";
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}/api/v2`;
const accounts = new Map();
let nextAccount = null;
/** The forgery to apply to the next response of its target, then forgotten. */
let forgery = null;

const KID = "test-rs256";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const attackerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

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
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: KID, use: "sig", alg: "RS256" }] },
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
  enabledJWA: { idTokenSigningAlgValues: ["RS256", "ES256"], userinfoSigningAlgValues: ["RS256", "ES256"] },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

/** The same claims (with `claims` merged in) signed some wrong way. */
async function forge(token, { how, claims = {} }) {
  const payload = { ...decodeJwt(token), ...claims };
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  switch (how) {
    case "alg-none":
      return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
    case "hs256-not-announced":
      // HMAC with the client secret: a valid ProConnect option, but not one this provider announces.
      return new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(clientSecret));
    case "attacker-key":
      // The provider's kid and algorithm, someone else's key.
      return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: KID }).sign(attackerKey);
    case "genuine":
      return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: KID }).sign(privateKey);
    default:
      throw new Error(`unknown forgery ${how}`);
  }
}

provider.use(async (ctx, next) => {
  await next();
  if (!forgery) return;
  if (forgery.target === "id_token" && ctx.path === "/token" && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await forge(ctx.body.id_token, forgery) };
    forgery = null;
  } else if (forgery.target === "userinfo" && ctx.path === "/me" && typeof ctx.body === "string") {
    if (forgery.how === "unsigned") {
      ctx.body = { ...decodeJwt(ctx.body), ...forgery.claims };
      ctx.type = "application/json";
    } else {
      ctx.body = await forge(ctx.body, forgery);
    }
    forgery = null;
  }
});

const app = express();
app.post("/test/account", express.json(), (request, response) => {
  const { sub, ...claims } = request.body;
  accounts.set(sub, claims);
  nextAccount = sub;
  response.json({ ok: true });
});
app.post("/test/forge", express.json(), (request, response) => {
  forgery = request.body;
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
