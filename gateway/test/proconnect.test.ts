import { freePort } from "@hub/kit";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { CAMILLE, NADIA, startHub, type Hub } from "./support/hub";

/**
 * ProConnect sign-in for real: a local OpenID provider (oidc-provider, configured like
 * ProConnect: signed userinfo, client_secret_post, its claims) and the gateway's own client
 * code, driven like a browser that follows redirects and keeps cookies.
 */
const CLIENT_ID = "hub-territoires";
const CLIENT_SECRET = "client-secret-for-tests-0123456789abcdef";
const CLERMONT_SIRET = "21630113500017";

/** A browser, enough for redirects and cookies (per host). */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** Follows redirects from `url` until a response that is not one, or a URL matching `stopAt`. */
  async go(url: string, stopAt?: RegExp): Promise<{ url: string; status: number; body: string }> {
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt?.test(url)) return { url, status: 0, body: "" };
      const target = new URL(url);
      const cookies = [...(this.jar.get(target.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
      const response = await fetch(url, { redirect: "manual", headers: cookies ? { cookie: cookies } : {} });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(";");
        const [name, ...value] = pair.split("=");
        const jar = this.jar.get(target.host) ?? new Map<string, string>();
        jar.set(name.trim(), value.join("="));
        this.jar.set(target.host, jar);
      }
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).toString();
        continue;
      }
      return { url, status: response.status, body: await response.text() };
    }
    throw new Error("too many redirects");
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }
}

describe("sign-in with ProConnect", () => {
  let hub: Hub;
  let provider: ChildProcess;
  let providerUrl: string;
  beforeAll(async () => {
    const [providerPort, gatewayPort] = [await freePort(), await freePort()];
    const redirectUri = `http://127.0.0.1:${gatewayPort}/auth/proconnect/callback`;
    provider = spawn(process.execPath, [join(__dirname, "support", "oidc-provider.mjs"), String(providerPort), CLIENT_ID, CLIENT_SECRET, redirectUri], { stdio: ["ignore", "pipe", "pipe"] });
    providerUrl = await new Promise<string>((resolve, reject) => {
      provider.stdout!.on("data", (chunk: Buffer) => {
        const ready = /oidc ready (\S+)/.exec(chunk.toString());
        if (ready) resolve(ready[1]);
      });
      provider.once("exit", (code) => reject(new Error(`OpenID provider exited with ${code}`)));
    });
    hub = await startHub({
      gatewayPort,
      proconnect: { issuer: providerUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri, scopes: "openid email given_name usual_name siret organizational_unit roles" },
    });
  });
  afterAll(async () => {
    await hub?.stop();
    provider?.kill();
  });

  /** Signs in at ProConnect as `account`, returns where the browser lands. */
  async function signInAs(account: Record<string, unknown>) {
    await fetch(`${new URL(providerUrl).origin}/test/account`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(account) });
    return new Browser().go(`${hub.origin}/auth/proconnect/login`, /#token=/);
  }

  function tokenOf(url: string): string {
    const token = /#token=([^&]+)/.exec(url)?.[1];
    if (!token) throw new Error(`no token in ${url}`);
    return decodeURIComponent(token);
  }

  it("sends the browser to ProConnect with only the parameters it accepts, state and nonce of 32+ characters", async () => {
    const response = await fetch(`${hub.origin}/auth/proconnect/login`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.toString().startsWith(`${providerUrl}/auth?`)).toBe(true);
    expect([...location.searchParams.keys()].sort()).toEqual(["client_id", "nonce", "redirect_uri", "response_type", "scope", "state"]);
    expect(location.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
    expect(location.searchParams.get("nonce")!.length).toBeGreaterThanOrEqual(32);
    expect(response.headers.get("set-cookie")).toMatch(/hub_oidc=.*HttpOnly/i);
  });

  it("creates a person with a new ProConnect identity and links them to their collectivité by SIRET", async () => {
    const landing = await signInAs({ sub: "pc-sub-new-agent", email: "Jeanne.Dubois@clermont-ferrand.demo", given_name: "Jeanne", usual_name: "Dubois", siret: CLERMONT_SIRET, roles: ["agent_public_territorial"] });
    const token = tokenOf(landing.url);
    const me = await hub.query(`{ me { email name status memberships { role organization { id } } } }`, {}, token);
    expect(me.data).toEqual({
      me: { email: "jeanne.dubois@clermont-ferrand.demo", name: "Jeanne Dubois", status: "ACTIVE", memberships: [{ role: "COLLECTIVITE_AGENT", organization: { id: "COLLECTIVITE:216301135" } }] },
    });
    const created = await hub.query(`mutation { createProject(input: { title: "Projet de Jeanne", territoryId: "COMMUNE:63113" }) { id } }`, {}, token);
    expect(created.errors).toBeUndefined();
  });

  it("activates an invited person on first sign-in, then recognises them by sub even if their email changes", async () => {
    const nadia = await hub.token(NADIA);
    const invited = await hub.query<{ invitePerson: { id: string; status: string } }>(
      `mutation { invitePerson(input: { email: "marc.girard@ddt63.demo", givenName: "Marc", usualName: "Girard", organizationId: "DDT:63" }) { id status } }`,
      {},
      nadia,
    );
    expect(invited.data!.invitePerson.status).toBe("PENDING");
    const first = await signInAs({ sub: "pc-sub-marc", email: "marc.girard@ddt63.demo", given_name: "Marc", usual_name: "Girard", siret: "13000000000000" });
    const me = await hub.query<{ me: { id: string; status: string } }>(`{ me { id status } }`, {}, tokenOf(first.url));
    expect(me.data!.me).toEqual({ id: invited.data!.invitePerson.id, status: "ACTIVE" });
    const second = await signInAs({ sub: "pc-sub-marc", email: "m.girard@ddt63.demo", given_name: "Marc", usual_name: "Girard" });
    const again = await hub.query<{ me: { id: string; email: string } }>(`{ me { id email } }`, {}, tokenOf(second.url));
    expect(again.data!.me).toEqual({ id: invited.data!.invitePerson.id, email: "m.girard@ddt63.demo" });
    const [row] = await hub.sql<{ sub: string }>("people-territories", "SELECT sub FROM person WHERE id = $1", [invited.data!.invitePerson.id]);
    expect(row.sub).toBe("pc-sub-marc");
  });

  it("refuses, in French, someone whose organisation the service does not know", async () => {
    const landing = await signInAs({ sub: "pc-sub-stranger", email: "inconnu@exemple.demo", given_name: "Inconnu", usual_name: "Personne", siret: "99999999900011" });
    expect(landing.status).toBe(403);
    expect(landing.body).toContain("Votre organisation n'est pas encore connue du service");
    expect(landing.url).not.toMatch(/#token=/);
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
    await fetch(`${new URL(providerUrl).origin}/test/account`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sub: "pc-sub-x", email: "x@clermont-ferrand.demo", siret: CLERMONT_SIRET }) });
    const atCallback = await browser.go(`${hub.origin}/auth/proconnect/login`, /\/auth\/proconnect\/callback/);
    const forged = new URL(atCallback.url);
    forged.searchParams.set("state", "f".repeat(43));
    const landing = await browser.go(forged.toString());
    expect(landing.status).toBe(400);
    expect(landing.body).toContain("Cette demande de connexion a expiré ou n'est pas valide");
  });

  it("hands the web app, beside the token, the sign-in value of the browser's own hub_signin cookie", async () => {
    await fetch(`${new URL(providerUrl).origin}/test/account`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sub: "pc-sub-signin", email: "marc.leroy@clermont-ferrand.demo", given_name: "Marc", usual_name: "Leroy", siret: CLERMONT_SIRET, roles: ["agent_public_territorial"] }) });
    const browser = new Browser();
    const landing = await browser.go(`${hub.origin}/auth/proconnect/login`, /#token=/);
    const signin = browser.cookie(new URL(hub.origin).host, "hub_signin");
    expect(signin).toMatch(/^[\w-]{43}$/);
    expect(landing.url).toMatch(/#token=/);
    expect(new URLSearchParams(new URL(landing.url).hash.slice(1)).get("signin")).toBe(signin);
    const login = await fetch(`${hub.origin}/auth/proconnect/login`, { redirect: "manual" });
    expect(login.headers.getSetCookie().find((c) => c.startsWith("hub_signin="))).toMatch(/^hub_signin=[\w-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; SameSite=Lax$/);
  });
});
