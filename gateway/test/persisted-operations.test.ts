import { readGatewayConfig } from "@hub/gateway";
import { codes, NADIA, RawClient, startHub, type GraphQLResponse, type Hub } from "@hub/testing";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The programme's registered operation, in its manifest. */
const REGISTERED = `query ProgrammeDepartement { territory(id: "DEPARTEMENT:63") { name } }`;
const UNREGISTERED = `query Other { territory(id: "DEPARTEMENT:15") { name } }`;

interface Body {
  query?: string;
  hash?: string;
}

describe("persisted operations: APQ for everyone, trusted documents for some keys", () => {
  let hub: Hub;
  let folder: string;
  let trustedKey: string;
  let plainKey: string;

  /** POST /graphql with the text, its APQ hash, or both. */
  const post = async ({ query, hash }: Body, key?: string): Promise<GraphQLResponse> => {
    const extensions = hash ? { persistedQuery: { version: 1, sha256Hash: hash } } : undefined;
    const response = await fetch(hub.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, extensions }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };

  const createKey = async (trusted: boolean) => {
    const created = await hub.query<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "Programme", scopes: ["projects:read"], trustedOperationsOnly: ${trusted} }) { key apiKey { trustedOperationsOnly } } }`,
      {},
      await hub.token(NADIA),
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createApiKey.key;
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "hub-trusted-"));
    const operation = { id: sha256(REGISTERED), name: "ProgrammeDepartement", type: "query", body: REGISTERED };
    // A forged entry (its id is not its body's hash) is skipped.
    const forged = { id: sha256(UNREGISTERED.replace("15", "63")), name: "Forged", type: "query", body: UNREGISTERED };
    writeFileSync(join(folder, "programme.json"), JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [operation, forged] }));
    hub = await startHub({ gatewayEnv: { TRUSTED_DOCUMENTS_DIR: folder } });
    trustedKey = await createKey(true);
    plainKey = await createKey(false);
  });

  afterAll(async () => {
    await hub.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("speaks APQ with anyone: an unknown hash, then the text with its hash, then the hash alone", async () => {
    const query = `{ territory(id: "COMMUNE:63113") { name } }`;
    const hash = sha256(query);
    const first = await post({ hash });
    expect(codes(first)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    expect(first.errors?.[0].message).toBe("PersistedQueryNotFound");
    expect((await post({ query, hash })).data).toEqual({ territory: { name: "Clermont-Ferrand" } });
    expect((await post({ hash })).data).toEqual({ territory: { name: "Clermont-Ferrand" } });
    // A hash that is not the text's is refused.
    const mismatch = await post({ query, hash: sha256("something else") });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data).toBeUndefined();
  });

  it("knows registered operations by hash without their text having been sent", async () => {
    expect((await post({ hash: sha256(REGISTERED) })).data).toEqual({ territory: { name: "Puy-de-Dôme" } });
    // The web app's own operations, from the manifest its build wrote.
    const manifest = JSON.parse(readFileSync(join(readGatewayConfig({ HUB_MODE: "test" }).webDist, "persisted-operations.json"), "utf8")) as {
      operations: { id: string; name: string; body: string }[];
    };
    const me = manifest.operations.find((o) => o.name === "Me")!;
    expect(me.id).toBe(sha256(me.body));
    expect(codes(await post({ hash: me.id }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("runs only registered operations for a key that is limited to them", async () => {
    expect((await post({ hash: sha256(REGISTERED) }, trustedKey)).data).toEqual({ territory: { name: "Puy-de-Dôme" } });
    expect((await post({ query: REGISTERED }, trustedKey)).data).toEqual({ territory: { name: "Puy-de-Dôme" } });
    const refused = await post({ query: UNREGISTERED }, trustedKey);
    expect(refused.status).toBe(403);
    expect(codes(refused)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    expect(refused.data).toBeUndefined();
    // Sent with its hash by anyone, an operation is known to APQ, not registered.
    await post({ query: UNREGISTERED, hash: sha256(UNREGISTERED) });
    expect(codes(await post({ hash: sha256(UNREGISTERED) }, trustedKey))).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    // The forged manifest entry registered nothing.
    expect(codes(await post({ query: UNREGISTERED.replace("15", "63") }, trustedKey))).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    // A key without the mode runs anything.
    expect((await post({ query: UNREGISTERED }, plainKey)).data).toEqual({ territory: { name: "Cantal" } });
  });

  it("checks the operations of such a key over WebSocket too", async () => {
    const client = new RawClient(hub.gatewayUrl);
    await client.init(trustedKey);
    client.send({ id: "1", type: "subscribe", payload: { query: UNREGISTERED } });
    client.send({ id: "2", type: "subscribe", payload: { query: REGISTERED } });
    await client.until((m) => m.some((x) => x.id === "1" && x.type === "error") && m.some((x) => x.id === "2" && x.type === "complete"));
    expect(client.messages.find((m) => m.id === "1")?.payload).toEqual([expect.objectContaining({ extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST" } })]);
    expect(client.messages.find((m) => m.id === "2" && m.type === "next")?.payload).toMatchObject({ data: { territory: { name: "Puy-de-Dôme" } } });
    client.socket.close();
  });
});
