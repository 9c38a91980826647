import { listen, type RunningServer } from "@hub/kit";
import { createGristStandIn, type GristStandIn } from "@hub/reporting/stand-in";
import { GraphQLError } from "graphql";
import { GristClient, type GristClientOptions } from "../src/clients/grist.client";
import type { GristNewColumn, GristUpsertRecord } from "../src/clients/grist.types";

const KEY = "test-grist-key";
const COLUMNS: GristNewColumn[] = [
  { id: "projet_id", fields: { label: "Identifiant", type: "Text" } },
  { id: "titre", fields: { label: "Titre", type: "Text" } },
  { id: "montant", fields: { label: "Montant", type: "Numeric" } },
];

/** The Grist client against the stand-in, over real HTTP. */
describe("Grist client", () => {
  let standIn: GristStandIn;
  let server: RunningServer;
  const client = (options: Partial<GristClientOptions> = {}) => new GristClient({ baseUrl: `http://127.0.0.1:${server.port}/api`, apiKey: KEY, backoffMs: 10, ...options });
  const records = (count: number, title = "Projet"): GristUpsertRecord[] =>
    Array.from({ length: count }, (_, i) => ({ require: { projet_id: `p-${i}` }, fields: { titre: `${title} ${i}`, montant: i * 1000 } }));

  beforeEach(async () => {
    standIn = createGristStandIn({ apiKeys: [KEY], documents: { doc: ["Projets"] }, delayMs: 5 });
    server = await listen({ app: standIn.app, close: async () => {} }, 0, "127.0.0.1", "/api");
  });
  afterEach(() => server.stop());

  it("creates the missing columns only, keeping those the table has", async () => {
    await client().addColumns("doc", "Projets", [{ id: "titre", fields: { label: "Mon titre", type: "Text" } }]);
    expect(await client().ensureColumns("doc", "Projets", COLUMNS)).toEqual(["projet_id", "montant"]);
    expect(await client().ensureColumns("doc", "Projets", COLUMNS)).toEqual([]);
    const columns = await client().listColumns("doc", "Projets");
    expect(columns.map((c) => [c.id, c.fields.label, c.fields.type])).toEqual([
      ["titre", "Mon titre", "Text"],
      ["projet_id", "Identifiant", "Text"],
      ["montant", "Montant", "Numeric"],
    ]);
  });

  it("adds or updates on the key: sending twice leaves one row per project, with the last values", async () => {
    await client().ensureColumns("doc", "Projets", COLUMNS);
    await client().upsertRecords("doc", "Projets", records(3));
    await client().upsertRecords("doc", "Projets", records(3, "Renommé"));
    expect(standIn.rows("doc", "Projets")).toEqual([
      { projet_id: "p-0", titre: "Renommé 0", montant: 0 },
      { projet_id: "p-1", titre: "Renommé 1", montant: 1000 },
      { projet_id: "p-2", titre: "Renommé 2", montant: 2000 },
    ]);
  });

  it("sends batches under the record count and the body limit, one request at a time per document", async () => {
    await client().ensureColumns("doc", "Projets", COLUMNS);
    // 1,200 records of ~1 kB: 500 per request would be 500 kB, under 1 MB; the byte limit set at 200 kB cuts them smaller.
    const big = records(1200).map((r) => ({ ...r, fields: { ...r.fields, titre: `${String(r.fields.titre)} ${"x".repeat(1000)}` } }));
    const report = await client({ maxBodyBytes: 200_000 }).upsertRecords("doc", "Projets", big);
    expect(report.records).toBe(1200);
    expect(standIn.stats.upserts.reduce((a, b) => a + b, 0)).toBe(1200);
    expect(Math.max(...standIn.stats.upserts)).toBeLessThanOrEqual(200);
    expect(report.requests).toBe(standIn.stats.upserts.length);
    expect(standIn.stats.largestBody).toBeLessThanOrEqual(200_000);
    expect(standIn.rows("doc", "Projets")).toHaveLength(1200);
    // Many callers at once on one document: the client never has two requests in flight on it.
    const one = client();
    await Promise.all(Array.from({ length: 8 }, (_, i) => one.upsertRecords("doc", "Projets", records(3, `Lot ${i}`))));
    expect(standIn.stats.maxInFlight).toBe(1);
    // 500 records at most per request by default.
    standIn.stats.upserts = [];
    await client().upsertRecords("doc", "Projets", records(1200));
    expect(standIn.stats.upserts).toEqual([500, 500, 200]);
  });

  it("waits and retries after a 429 (Retry-After, else a growing backoff), and gives up after maxRetries", async () => {
    await client().ensureColumns("doc", "Projets", COLUMNS);
    standIn.rateLimitNext(2, 0);
    standIn.rateLimitNext(1, null);
    await client().upsertRecords("doc", "Projets", records(2));
    expect(standIn.stats.rateLimited).toBe(3);
    expect(standIn.rows("doc", "Projets")).toHaveLength(2);

    standIn.rateLimitNext(10, 0);
    const error = await client({ maxRetries: 2 })
      .upsertRecords("doc", "Projets", records(1))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", reason: "GRIST_RATE_LIMITED", retryAfterSeconds: 0 });
    expect((error as GraphQLError).message).toContain("Too many backlogged requests for document doc");
  });

  it("turns Grist's errors into coded errors with its message", async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (e: unknown) => e as GraphQLError,
      );
    const wrongKey = await failure(client({ apiKey: "nope" }).listColumns("doc", "Projets"));
    expect([wrongKey?.extensions.code, wrongKey?.extensions.reason]).toEqual(["UPSTREAM_UNAVAILABLE", "GRIST_KEY_REFUSED"]);
    const noTable = await failure(client().listColumns("doc", "Absente"));
    expect([noTable?.extensions.code, noTable?.extensions.reason]).toEqual(["BAD_USER_INPUT", "GRIST_NOT_FOUND"]);
    expect(noTable?.message).toContain('Table not found "Absente"');
    const noDoc = await failure(client().listColumns("autre", "Projets"));
    expect(noDoc?.message).toContain("document not found");
    const unknownColumn = await failure(client().upsertRecords("doc", "Projets", records(1)));
    expect([unknownColumn?.extensions.code, unknownColumn?.extensions.reason]).toEqual(["BAD_USER_INPUT", "GRIST_REFUSED"]);
    const down = await failure(new GristClient({ baseUrl: "http://127.0.0.1:1/api", apiKey: KEY }).listColumns("doc", "Projets"));
    expect(down?.extensions.code).toBe("UPSTREAM_UNAVAILABLE");
  });
});
