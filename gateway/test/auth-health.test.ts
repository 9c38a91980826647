import { DEV_INTERNAL_SECRET, INTERNAL_TOKEN_HEADER, signInternalToken, SERVICE_VIEWER } from "@hub/kit";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { CAMILLE, NADIA, startHub, withoutRequestId, type Hub } from "@hub/testing";

describe("sign-in, internal tokens, WebSocket and health", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it("issues a dev token for a demo account, and refuses unknown or malformed emails", async () => {
    const post = (body: unknown) => fetch(`${hub.origin}/auth/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const ok = await post({ email: NADIA });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const me = await hub.query(`{ me { email name organization { id kind } } }`, {}, token);
    expect(me.data).toEqual({ me: { email: NADIA, name: "Nadia Petit", organization: { id: "ANCT:NATIONAL", kind: "ANCT" } } });
    expect((await post({ email: "nobody@nowhere.demo" })).status).toBe(401);
    expect((await post({ email: "not an email" })).status).toBe(400);
    expect((await post({})).status).toBe(400);
  });

  it.each(["people-territories", "projects", "funding", "reporting"] as const)("%s refuses calls without a valid internal token", async (name) => {
    const call = (headers: Record<string, string>) =>
      fetch(hub.subgraphs[name].url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ __typename }" }) });
    const none = await call({});
    expect(none.status).toBe(401);
    expect(((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await call({ [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, "another-secret") })).status).toBe(401);
    const valid = await call({ [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, DEV_INTERNAL_SECRET) });
    expect(await valid.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("answers queries over graphql-ws with the token from connection_init, and closes on a bad token", async () => {
    const token = await hub.token(CAMILLE);
    const url = hub.gatewayUrl.replace("http", "ws");
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: `{ me { email } territory(id: "DEPARTEMENT:63") { name } }` }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(withoutRequestId(result as object)).toEqual({ data: { me: { email: CAMILLE }, territory: { name: "Puy-de-Dôme" } } });
    await client.dispose();

    const bad = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: "Bearer forged" }, retryAttempts: 0, lazy: false });
    const closed = await new Promise<number>((resolve) => {
      bad.on("closed", (event) => resolve((event as { code: number }).code));
    });
    expect(closed).toBe(4403);
    await bad.dispose();
  });

  it("reports readiness: 200 with the supergraph loaded and every subgraph up, 503 naming the one that is down; liveness stays 200", async () => {
    const alive = async () => {
      const response = await fetch(`${hub.origin}/health`);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await alive()).toEqual({ status: 200, body: { status: "ok", subscriptions: { subscribers: 0, upstreams: 0 } } });
    const up = await fetch(`${hub.origin}/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({
      status: "ok",
      supergraph: "loaded",
      down: [],
      subgraphs: { projects: { status: "ok" }, "people-territories": { status: "ok" }, funding: { status: "ok" }, reporting: { status: "ok" } },
    });
    await hub.subgraphs.funding.stop();
    const down = await fetch(`${hub.origin}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: "down",
      supergraph: "loaded",
      down: ["funding"],
      subgraphs: { projects: { status: "ok" }, "people-territories": { status: "ok" }, funding: { status: "down", reason: "unreachable" }, reporting: { status: "ok" } },
    });
    // Liveness does not depend on the subgraphs.
    expect(await alive()).toEqual({ status: 200, body: { status: "ok", subscriptions: { subscribers: 0, upstreams: 0 } } });
    // The rest of the graph still answers; the funding field fails with a code.
    const token = await hub.token(CAMILLE);
    const territory = await hub.query(`{ territory(id: "COMMUNE:63113") { name } }`, {}, token);
    expect(territory.data).toEqual({ territory: { name: "Clermont-Ferrand" } });
    const funding = await hub.query(`{ fundingOpportunity(id: "AT:150000") { name } }`, {}, token);
    expect(funding.data).toBeNull();
    expect(funding.errors).toEqual([{ message: "Service funding is unavailable", extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: "funding" } }]);
  });
});

describe("production mode", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub({ gatewayMode: "production" });
  });
  afterAll(() => hub.stop());

  it("has no dev sign-in: POST /auth/dev/token answers 404 and issues nothing", async () => {
    const response = await fetch(`${hub.origin}/auth/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: CAMILLE }) });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found" });
  });
});
