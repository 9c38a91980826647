import { callSubgraph, personViewer, SERVICE_VIEWER, signJwt, verifyJwt, type PersonIdentity } from "@hub/kit";
import { parseCookie } from "cookie";
import express from "express";
import { randomBytes } from "node:crypto";
import { OidcClient, OidcUnavailableError, type OidcFlow, type OidcIdentity } from "./oidc/oidc-client";
import { signSession } from "./session";

export interface ProConnectOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
}

const COOKIE = "hub_oidc";
const COOKIE_AUDIENCE = "hub-oidc";
/** Time allowed between leaving for ProConnect and coming back. */
const FLOW_SECONDS = 600;

const SIGN_IN = `mutation SignIn($claims: ProConnectClaimsInput!) {
  signInWithProConnect(claims: $claims) { identity { personId organizationId roles departements communes } refusal }
}`;

const REFUSALS: Record<string, string> = {
  SUSPENDED: "Votre compte est suspendu. Contactez l'équipe du service.",
  NO_ORGANIZATION: "Votre organisation n'est pas encore connue du service : demandez à un collègue de vous inviter.",
  SUB_MISMATCH:
    "Ce compte est déjà rattaché à une autre identité ProConnect. Connectez-vous avec le fournisseur d'identité utilisé la première fois, ou demandez à l'équipe du service de rattacher ce compte à votre nouvelle identité.",
  INVITATION_REQUIRED: "Les comptes des services de l'État, de l'ANCT et des opérateurs sont ouverts sur invitation : demandez à un collègue déjà inscrit de vous inviter.",
};

function page(response: express.Response, status: number, message: string): void {
  response
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Connexion</title><body><main><h1>Connexion impossible</h1><p>${message}</p><p><a href="/">Retour à l'accueil</a></p></main></body></html>`,
    );
}

/** The flow kept in the cookie, or null when it is missing, forged, expired or malformed. */
function readFlow(request: express.Request, sessionSecret: string): OidcFlow | null {
  const claims = verifyJwt(parseCookie(request.headers.cookie ?? "")[COOKIE] ?? "", sessionSecret, COOKIE_AUDIENCE);
  if (!claims || typeof claims.state !== "string" || typeof claims.nonce !== "string") return null;
  return { state: claims.state, nonce: claims.nonce, codeVerifier: typeof claims.codeVerifier === "string" ? claims.codeVerifier : null };
}

/**
 * Sign-in with ProConnect (authorization-code flow with PKCE): GET /auth/proconnect/login
 * sends the browser to ProConnect with a fresh state, nonce and PKCE challenge (state, nonce
 * and verifier kept in a signed, HttpOnly cookie); GET /auth/proconnect/callback checks them,
 * signs the person in through people-territories (match by sub, then email; organisation by
 * SIRET), and hands the web app a session token in the URL fragment (never sent to a server).
 * `warn` receives why a sign-in failed (never a token or a claim).
 */
/** The web app's proof that it started the sign-in it lands from (see web/src/auth.ts). */
export const SIGNIN_COOKIE = "hub_signin";

export function proConnectRouter(
  options: ProConnectOptions,
  peopleTerritoriesUrl: string,
  internalTokenSecret: string,
  sessionSecret: string,
  warn: (message: string) => void = () => {},
): express.Router {
  const client = new OidcClient(options);
  const secure = options.redirectUri.startsWith("https:");
  const router = express.Router();

  router.get("/auth/proconnect/login", async (_request, response) => {
    try {
      const { url, flow } = await client.authorizationRequest();
      const cookie = signJwt({ ...flow }, sessionSecret, COOKIE_AUDIENCE, FLOW_SECONDS);
      response.cookie(COOKIE, cookie, { httpOnly: true, sameSite: "lax", secure, path: "/auth/proconnect", maxAge: FLOW_SECONDS * 1000 });
      // Login CSRF: the web app takes a #token= only with this value, which only this browser
      // has (readable by the web app, hence not HttpOnly).
      response.cookie(SIGNIN_COOKIE, randomBytes(32).toString("base64url"), { httpOnly: false, sameSite: "lax", secure, path: "/", maxAge: 10 * 60 * 1000 });
      response.redirect(302, url);
    } catch (failure) {
      warn(`ProConnect discovery failed: ${failure instanceof Error ? failure.message : "unknown error"}`);
      page(response, 502, "ProConnect est injoignable pour le moment. Réessayez dans quelques instants.");
    }
  });

  router.get("/auth/proconnect/callback", async (request, response) => {
    response.clearCookie(COOKIE, { path: "/auth/proconnect" });
    const flow = readFlow(request, sessionSecret);
    const { code, state, error } = request.query;
    if (typeof error === "string") {
      page(response, 401, "La connexion a été annulée ou refusée par ProConnect.");
      return;
    }
    if (!flow || typeof state !== "string" || state !== flow.state || typeof code !== "string" || code.length > 2048) {
      page(response, 400, "Cette demande de connexion a expiré ou n'est pas valide. Recommencez depuis l'accueil.");
      return;
    }
    let identity: OidcIdentity;
    try {
      identity = await client.signIn(new URL(request.originalUrl, "http://callback").searchParams, flow);
    } catch (failure) {
      warn(`ProConnect sign-in failed: ${failure instanceof Error ? failure.message : "unknown error"}`);
      page(response, failure instanceof OidcUnavailableError ? 502 : 401, "ProConnect n'a pas pu confirmer votre identité. Recommencez depuis l'accueil.");
      return;
    }
    try {
      const { signInWithProConnect: result } = await callSubgraph<{ signInWithProConnect: { identity: PersonIdentity | null; refusal: string | null } }>(
        peopleTerritoriesUrl,
        internalTokenSecret,
        SERVICE_VIEWER,
        SIGN_IN,
        { claims: { sub: identity.sub, email: identity.email, givenName: identity.givenName, usualName: identity.usualName, siret: identity.siret } },
      );
      if (!result.identity) {
        page(response, 403, REFUSALS[result.refusal ?? ""] ?? "Connexion refusée.");
        return;
      }
      const token = signSession(personViewer(result.identity), sessionSecret);
      const signin = parseCookie(request.headers.cookie ?? "")[SIGNIN_COOKIE] ?? "";
      response.redirect(302, `/#token=${encodeURIComponent(token)}&signin=${encodeURIComponent(signin)}`);
    } catch {
      page(response, 503, "Le service des comptes est indisponible. Réessayez dans quelques instants.");
    }
  });
  return router;
}
