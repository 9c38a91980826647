import { freePort } from "@hub/local-postgres";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";

import { Browser, CAMILLE, type Hub, JULIEN, NADIA, SOPHIE, startHub } from "@hub/testing";

/**
 * ProConnect sign-in for real: a local OpenID provider (oidc-provider, configured like
 * ProConnect: signed userinfo, client_secret_post, its claims; PKCE required, RS256/ES256
 * announced) and the gateway's own client code, driven like a browser that follows redirects
 * and keeps cookies.
 */
const CLIENT_ID = "hub-territoires";
const CLIENT_SECRET = "client-secret-for-tests-0123456789abcdef";
const CLERMONT_SIRET = "21630113500017";
/** ANCT's real SIRET, the one of organisation ANCT:NATIONAL. */
const ANCT_SIRET = "13002603200016";
const SCOPES = "openid email given_name usual_name siret organizational_unit roles";
const CANNOT_CONFIRM = "ProConnect n'a pas pu confirmer votre identité";

describe("sign-in with ProConnect", () => {
  let hub: Hub;
  let provider: ChildProcess;
  let providerUrl: string;
  let redirectUri: string;
  beforeAll(async () => {
    const [providerPort, gatewayPort] = [await freePort(), await freePort()];
    redirectUri = `http://127.0.0.1:${gatewayPort}/auth/proconnect/callback`;
    provider = spawn(process.execPath, [require.resolve("@hub/testing/src/oidc-provider.mjs"), String(providerPort), CLIENT_ID, CLIENT_SECRET, redirectUri], { stdio: ["ignore", "pipe", "pipe"] });
    providerUrl = await new Promise<string>((resolve, reject) => {
      provider.stdout!.on("data", (chunk: Buffer) => {
        const ready = /oidc ready (\S+)/.exec(chunk.toString());
        if (ready) resolve(ready[1]);
      });
      provider.once("exit", (code) => reject(new Error(`OpenID provider exited with ${code}`)));
    });
    hub = await startHub({
      gatewayPort,
      proconnect: { issuer: providerUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri, scopes: SCOPES },
    });
  });
  afterAll(async () => {
    // beforeAll may have failed before starting either: stop what it started.
    await (hub as Hub | undefined)?.stop();
    (provider as ChildProcess | undefined)?.kill();
  });

  /** Signs in at ProConnect as `account`, returns where the browser lands. */
  async function signInAs(account: Record<string, unknown>) {
    await fetch(`${new URL(providerUrl).origin}/test/account`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(account) });
    return new Browser().go(`${hub.origin}/auth/proconnect/login`, /#token=/);
  }

  /** Makes the provider send a forged id_token or userinfo on the next sign-in. */
  async function forgeNext(target: "id_token" | "userinfo", how: string, claims: Record<string, unknown> = {}) {
    await fetch(`${new URL(providerUrl).origin}/test/forge`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ target, how, claims }) });
  }

  async function personBySub(sub: string) {
    return hub.sql<{ email: string; status: string }>("people-territories", "SELECT email, status FROM person WHERE sub = $1", [sub]);
  }

  function tokenOf(url: string): string {
    const token = /#token=([^&]+)/.exec(url)?.[1];
    if (!token) throw new Error(`no token in ${url}`);
    return decodeURIComponent(token);
  }

  it("sends the browser to ProConnect with a PKCE S256 challenge, state and nonce of 32+ characters, and nothing else", async () => {
    const response = await fetch(`${hub.origin}/auth/proconnect/login`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${providerUrl}/auth`);
    const cookie = /^hub_oidc=([^;]+);.*HttpOnly/i.exec(response.headers.get("set-cookie") ?? "")?.[1];
    const flow = JSON.parse(Buffer.from(cookie!.split(".")[1], "base64url").toString()) as { state: string; nonce: string; codeVerifier: string };
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: redirectUri,
      scope: SCOPES,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: createHash("sha256").update(flow.codeVerifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect([flow.state.length, flow.nonce.length, flow.codeVerifier.length].every((length) => length >= 43)).toBe(true);
  });

  it("creates a person with a new ProConnect identity and links them to their collectivité by SIRET", async () => {
    const landing = await signInAs({
      sub: "pc-sub-new-agent",
      email: "Jeanne.Dubois@clermont-ferrand.demo",
      given_name: "Jeanne",
      usual_name: "Dubois",
      siret: CLERMONT_SIRET,
      roles: ["agent_public_territorial"],
    });
    const token = tokenOf(landing.url);
    const me = await hub.query(`{ me { email name status memberships { role organization { id } } } }`, {}, token);
    expect(me.data).toEqual({
      me: { email: "jeanne.dubois@clermont-ferrand.demo", name: "Jeanne Dubois", status: "ACTIVE", memberships: [{ role: "COLLECTIVITE_AGENT", organization: { id: "COLLECTIVITE:216301135" } }] },
    });
    const created = await hub.query(`mutation { createProject(input: { title: "Projet de Jeanne", territoryId: "COMMUNE:63113" }) { id title } }`, {}, token);
    expect(created.errors).toBeUndefined();
    expect(created.data).toEqual({ createProject: { id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) as unknown, title: "Projet de Jeanne" } });
  });

  it("activates an invited person on first sign-in, then recognises them by sub even if their email changes", async () => {
    const nadia = await hub.token(NADIA);
    const invited = await hub.query<{ invitePerson: { id: string } }>(
      `mutation { invitePerson(input: { email: "marc.girard@ddt63.demo", givenName: "Marc", usualName: "Girard", organizationId: "DDT:63" }) { id } }`,
      {},
      nadia,
    );
    expect(invited.errors).toBeUndefined();
    // The invitation answers nothing about the account: its id is the invitation's.
    const [marc] = await hub.sql<{ id: string; status: string }>("people-territories", "SELECT id, status FROM person WHERE email = $1", ["marc.girard@ddt63.demo"]);
    expect(marc.status).toBe("PENDING");
    const first = await signInAs({ sub: "pc-sub-marc", email: "marc.girard@ddt63.demo", given_name: "Marc", usual_name: "Girard", siret: "13000000000000" });
    const me = await hub.query<{ me: { id: string; status: string } }>(`{ me { id status } }`, {}, tokenOf(first.url));
    expect(me.data!.me).toEqual({ id: marc.id, status: "ACTIVE" });
    const second = await signInAs({ sub: "pc-sub-marc", email: "m.girard@ddt63.demo", given_name: "Marc", usual_name: "Girard" });
    const again = await hub.query<{ me: { id: string; email: string } }>(`{ me { id email } }`, {}, tokenOf(second.url));
    expect(again.data!.me).toEqual({ id: marc.id, email: "m.girard@ddt63.demo" });
    const [row] = await hub.sql<{ sub: string }>("people-territories", "SELECT sub FROM person WHERE id = $1", [marc.id]);
    expect(row.sub).toBe("pc-sub-marc");
  });

  it("refuses, in French, someone whose organisation the service does not know", async () => {
    const landing = await signInAs({ sub: "pc-sub-stranger", email: "inconnu@exemple.demo", given_name: "Inconnu", usual_name: "Personne", siret: "99999999900011" });
    expect(landing.status).toBe(403);
    expect(landing.body).toContain("Votre organisation n'est pas encore connue du service");
    expect(landing.url).not.toMatch(/#token=/);
    // Nothing is kept about someone refused.
    expect(await personBySub("pc-sub-stranger")).toEqual([]);
  });

  it("refuses a suspended account", async () => {
    const nadia = await hub.token(NADIA);
    const [camille] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [CAMILLE]);
    expect((await hub.query(`mutation($id: ID!) { suspendPerson(id: $id) { status } }`, { id: camille.id }, nadia)).errors).toBeUndefined();
    const landing = await signInAs({ sub: "pc-sub-camille", email: CAMILLE, given_name: "Camille", usual_name: "Martin", siret: CLERMONT_SIRET });
    expect(landing.status).toBe(403);
    expect(landing.body).toContain("Votre compte est suspendu");
  });

  it("refuses a callback whose state does not match the browser's", async () => {
    const browser = new Browser();
    await fetch(`${new URL(providerUrl).origin}/test/account`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "pc-sub-x", email: "x@clermont-ferrand.demo", siret: CLERMONT_SIRET }),
    });
    const atCallback = await browser.go(`${hub.origin}/auth/proconnect/login`, /\/auth\/proconnect\/callback/);
    const forged = new URL(atCallback.url);
    forged.searchParams.set("state", "f".repeat(43));
    const landing = await browser.go(forged.toString());
    expect(landing.status).toBe(400);
    expect(landing.body).toContain("Cette demande de connexion a expiré ou n'est pas valide");
  });

  it.each([
    ["an id_token with alg none", "id_token", "alg-none", {}],
    ["an id_token signed HS256 with the client secret, an algorithm the provider does not announce", "id_token", "hs256-not-announced", {}],
    ["an id_token signed with another key under the provider's kid", "id_token", "attacker-key", {}],
    ["a userinfo with alg none naming an ANCT national agent", "userinfo", "alg-none", { email: NADIA, siret: ANCT_SIRET }],
    ["a userinfo signed with another key naming an ANCT national agent", "userinfo", "attacker-key", { email: NADIA, siret: ANCT_SIRET }],
    ["an unsigned (JSON) userinfo", "userinfo", "unsigned", { email: NADIA }],
  ])("refuses %s", async (_label, target, how, claims) => {
    const sub = `pc-sub-forged-${target}-${how}`;
    await forgeNext(target as "id_token" | "userinfo", how, claims);
    const landing = await signInAs({ sub, email: `${how}.${target}@clermont-ferrand.demo`, given_name: "Forgée", usual_name: "Identité", siret: CLERMONT_SIRET });
    expect([landing.status, landing.body.includes(CANNOT_CONFIRM), /#token=/.test(landing.url)]).toEqual([401, true, false]);
    expect(await personBySub(sub)).toEqual([]);
  });

  it("accepts a userinfo re-signed with the provider's own key (the forgeries above fail on their signature, not their shape)", async () => {
    await forgeNext("userinfo", "genuine", { given_name: "Re-signée" });
    const landing = await signInAs({ sub: "pc-sub-resigned", email: "resigned@clermont-ferrand.demo", given_name: "Jeanne", usual_name: "Signée", siret: CLERMONT_SIRET });
    const me = await hub.query(`{ me { name } }`, {}, tokenOf(landing.url));
    expect(me.data).toEqual({ me: { name: "Re-signée Signée" } });
  });

  it("refuses a code stolen from another browser: it is bound to the browser that asked for it (PKCE verifier, nonce)", async () => {
    await fetch(`${new URL(providerUrl).origin}/test/account`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sub: "pc-sub-victim", email: CAMILLE }) });
    const victim = new URL((await new Browser().go(`${hub.origin}/auth/proconnect/login`, /\/auth\/proconnect\/callback/)).url);
    const attacker = new Browser();
    const injected = new URL((await attacker.go(`${hub.origin}/auth/proconnect/login`, /\/auth\/proconnect\/callback/)).url);
    injected.searchParams.set("code", victim.searchParams.get("code")!);
    const landing = await attacker.go(injected.toString());
    expect([landing.status, landing.body.includes(CANNOT_CONFIRM)]).toEqual([401, true]);
  });

  it("never signs in by email an account linked to another ProConnect identity", async () => {
    const first = await signInAs({ sub: "pc-sub-sophie", email: SOPHIE, given_name: "Sophie", usual_name: "Durand" });
    expect((await hub.query(`{ me { email } }`, {}, tokenOf(first.url))).data).toEqual({ me: { email: SOPHIE } });
    const other = await signInAs({ sub: "pc-sub-other-idp", email: SOPHIE, given_name: "Sophie", usual_name: "Durand" });
    expect(other.status).toBe(403);
    expect(other.body).toContain("Ce compte est déjà rattaché à une autre identité ProConnect");
    expect(other.url).not.toMatch(/#token=/);
    expect(await hub.sql("people-territories", "SELECT sub FROM person WHERE email = $1 OR sub = 'pc-sub-other-idp'", [SOPHIE])).toEqual([{ sub: "pc-sub-sophie" }]);
    const again = await signInAs({ sub: "pc-sub-sophie", email: SOPHIE });
    expect((await hub.query(`{ me { email } }`, {}, tokenOf(again.url))).data).toEqual({ me: { email: SOPHIE } });
  });

  it("gives no role from ANCT's SIRET: a newcomer waits for an ANCT national agent's invitation, which alone grants the national role", async () => {
    const newcomer = { sub: "pc-sub-claire", email: "claire.lefevre@anct.demo", given_name: "Claire", usual_name: "Lefèvre", siret: ANCT_SIRET, roles: ["agent_public", "agent_public_etat"] };
    const refused = await signInAs(newcomer);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("sont ouverts sur invitation");
    expect(await hub.sql("people-territories", "SELECT id FROM person WHERE email = $1", [newcomer.email])).toEqual([]);
    const invited = await hub.query(
      `mutation { invitePerson(input: { email: "claire.lefevre@anct.demo", givenName: "Claire", usualName: "Lefèvre", organizationId: "ANCT:NATIONAL" }) { role organization { id } } }`,
      {},
      await hub.token(NADIA),
    );
    expect(invited.data).toEqual({ invitePerson: { role: "ANCT_NATIONAL", organization: { id: "ANCT:NATIONAL" } } });
    const landing = await signInAs(newcomer);
    const me = await hub.query(`{ me { status memberships { role organization { id } } } }`, {}, tokenOf(landing.url));
    expect(me.data).toEqual({ me: { status: "ACTIVE", memberships: [{ role: "ANCT_NATIONAL", organization: { id: "ANCT:NATIONAL" } }] } });
  });

  it("adds no ANCT membership to a State agent who signs in with ANCT's SIRET", async () => {
    const landing = await signInAs({ sub: "pc-sub-julien", email: JULIEN, given_name: "Julien", usual_name: "Bernard", siret: ANCT_SIRET });
    const me = await hub.query(`{ me { memberships { role organization { id } } } }`, {}, tokenOf(landing.url));
    expect(me.data).toEqual({ me: { memberships: [{ role: "STATE_AGENT", organization: { id: "DDT:63" } }] } });
  });

  it("hands the web app, beside the token, the sign-in value of the browser's own hub_signin cookie", async () => {
    await fetch(`${new URL(providerUrl).origin}/test/account`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "pc-sub-signin", email: "marc.leroy@clermont-ferrand.demo", given_name: "Marc", usual_name: "Leroy", siret: CLERMONT_SIRET, roles: ["agent_public_territorial"] }),
    });
    const browser = new Browser();
    const landing = await browser.go(`${hub.origin}/auth/proconnect/login`, /#token=/);
    const signin = browser.jar.get(new URL(hub.origin).host)?.get("hub_signin");
    expect(signin).toMatch(/^[\w-]{43}$/);
    expect(landing.url).toMatch(/#token=/);
    expect(new URLSearchParams(new URL(landing.url).hash.slice(1)).get("signin")).toBe(signin);
    const login = await fetch(`${hub.origin}/auth/proconnect/login`, { redirect: "manual" });
    expect(login.headers.getSetCookie().find((c) => c.startsWith("hub_signin="))).toMatch(/^hub_signin=[\w-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; SameSite=Lax$/);
  });
});
