import { codes, NADIA, startHub, type GraphQLResponse, type Hub } from "@hub/testing";
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "urql";
import { graphqlExchanges } from "../src/graphql-client";

/**
 * Trusted documents are the web app's operations as urql SENDS them (its cache adds `__typename`
 * to every selection set and its printer drops blank lines), not as they are written: a key
 * limited to registered operations may run exactly what the app sends. Each operation goes
 * through the app's own exchanges (src/graphql-client.ts) with a fetch and a WebSocket that
 * only record; the hash of what they received must be in the manifest the build wrote.
 */
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const src = join(__dirname, "../src");
const manifestPath = join(__dirname, "../dist/persisted-operations.json");

interface Manifest {
  format: string;
  operations: { id: string; name: string | null; type: string; body: string }[];
}

/** Every operation of the app: the documents that src/*.ts export (the build script's own rule). */
function operations(): { name: string; type: string; document: DocumentNode }[] {
  const found = new Map<string, { name: string; type: string; document: DocumentNode }>();
  for (const file of readdirSync(src).filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".d.ts"))) {
    if (!readFileSync(join(src, file), "utf8").includes("graphql(`")) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each module is loaded as jest transforms it
    const module = require(join(src, file)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      const document = value as DocumentNode | undefined;
      if (document?.kind !== Kind.DOCUMENT) continue;
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (operation) found.set(`${operation.operation} ${operation.name?.value}`, { name: operation.name?.value ?? "", type: operation.operation, document });
    }
  }
  return [...found.values()];
}

/** What the app's urql client sends for `document`: the body of its POST, or its subscribe message over the WebSocket. */
async function sent(document: DocumentNode, type: string): Promise<string> {
  let text: string | undefined;
  const client = new Client({
    url: "http://hub.test/graphql",
    preferGetMethod: false,
    exchanges: graphqlExchanges((request) => {
      text = request.query;
      return { subscribe: () => ({ unsubscribe: () => {} }) };
    }),
    fetch: (_url, init) => {
      text = (JSON.parse(init?.body as string) as { query: string }).query;
      return Promise.resolve(new Response(JSON.stringify({ errors: [{ message: "recorded" }] }), { headers: { "content-type": "application/json" } }));
    },
  });
  if (type === "subscription")
    client
      .subscription(document, {})
      .subscribe(() => {})
      .unsubscribe();
  else await (type === "mutation" ? client.mutation(document, {}) : client.query(document, {}, { requestPolicy: "network-only" })).toPromise();
  if (text === undefined) throw new Error("urql sent nothing");
  return text;
}

describe("the web app's operations, registered as urql sends them", () => {
  const all = operations();
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest) : null;
  const texts = new Map<string, string>();

  beforeAll(async () => {
    if (!manifest) throw new Error(`${manifestPath} is missing: run \`npm run build -w web\` first`);
    for (const { name, type, document } of all) texts.set(name, await sent(document, type));
  });

  it("registers the exact text of every operation, __typename included", () => {
    expect(all.length).toBeGreaterThan(50);
    const registered = new Map(manifest!.operations.map((o) => [o.id, o]));
    const missing = all.filter(({ name }) => !registered.has(sha256(texts.get(name)!))).map(({ name }) => name);
    expect(missing).toEqual([]);
    // One entry per operation, no stale text beside it.
    expect(manifest!.operations.map((o) => o.name).sort()).toEqual(all.map((o) => o.name).sort());
    expect(texts.get("Me")).toContain("__typename");
  });

  describe("through the gateway, for a key limited to registered operations", () => {
    let hub: Hub;
    let key: string;

    const post = async (body: Record<string, unknown>): Promise<GraphQLResponse> => {
      const response = await fetch(hub.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
      return { status: response.status, ...((await response.json()) as object) };
    };

    beforeAll(async () => {
      hub = await startHub();
      const created = await hub.query<{ createApiKey: { key: string } }>(
        `mutation { createApiKey(input: { name: "Programme", scopes: ["projects:read", "stats:read"], trustedOperationsOnly: true }) { key } }`,
        {},
        await hub.token(NADIA),
      );
      expect(created.errors).toBeUndefined();
      key = created.data!.createApiKey.key;
    });

    afterAll(() => hub.stop());

    it("runs the app's operations as urql sends them, by text and by hash alone", async () => {
      const territory = texts.get("TerritoryName")!;
      expect((await post({ query: territory, operationName: "TerritoryName", variables: { id: "DEPARTEMENT:63" } })).data).toEqual({
        territory: { __typename: "Territory", id: "DEPARTEMENT:63", name: "Puy-de-Dôme" },
      });
      const list = texts.get("ProjectList")!;
      const byHash = await post({
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(list) } },
        operationName: "ProjectList",
        variables: { first: 2, filter: { territoryId: "DEPARTEMENT:63" } },
      });
      expect(byHash.errors).toBeUndefined();
      expect(byHash.data).toMatchObject({ projects: { __typename: "ProjectConnection" } });
    });

    it("refuses what is not registered, with a code: the text as written (without __typename), an unknown hash", async () => {
      const written = all.find((o) => o.name === "TerritoryName")!.document.loc!.source.body;
      const refused = await post({ query: written, variables: { id: "DEPARTEMENT:63" } });
      expect(refused.status).toBe(403);
      expect(codes(refused)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256("query Unknown { me { id } }") } } });
      expect(codes(unknown)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
      expect(unknown.data).toBeUndefined();
    });
  });
});
