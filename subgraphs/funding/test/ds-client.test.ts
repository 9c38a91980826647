import { DemarchesSimplifieesClient } from "@hub/funding";
import { createDemarchesSimplifieesStandIn, type DsStandIn } from "@hub/funding/stand-in";
import { listen, type RunningServer } from "@hub/kit";
import { communePlaces } from "@hub/reference";
import type { GraphQLError } from "graphql";
import { retryAfterMs } from "../src/clients/demarches-simplifiees.client";

const TOKEN = "ds-client-test-token";
const id = (n: number) => Buffer.from(`Champ-${n}`).toString("base64").replace(/=+$/, "");

/** The DS client against the stand-in over HTTP: envelopes, retries and every failure as a coded error. */
describe("Démarches Simplifiées client", () => {
  let ds: DsStandIn;
  let server: RunningServer;
  let client: DemarchesSimplifieesClient;
  /** Times out after 0.3 s: only for the timeout case (a loaded CI machine can take longer on real calls). */
  let impatient: DemarchesSimplifieesClient;
  const failure = async (call: Promise<unknown>) => {
    const error = (await call.then(
      () => null,
      (e: unknown) => e,
    )) as GraphQLError | null;
    if (!error) throw new Error("the call succeeded");
    return [error.extensions.code, error.extensions.reason ?? null, error.message];
  };

  beforeAll(async () => {
    // The stand-in checks communes and EPCI against the COG: loaded now, not within a 300 ms timeout.
    communePlaces();
    ds = createDemarchesSimplifieesStandIn({ apiTokens: { [TOKEN]: [90101] } });
    server = await listen({ app: ds.app, close: async () => {} }, 0, "127.0.0.1", "/");
    client = new DemarchesSimplifieesClient({ baseUrl: `http://127.0.0.1:${server.port}`, timeoutMs: 10_000, backoffMs: 10 });
    impatient = new DemarchesSimplifieesClient({ baseUrl: `http://127.0.0.1:${server.port}`, timeoutMs: 300, backoffMs: 10 });
  });
  afterAll(() => server.stop());

  it("pre-fills a dossier (201 envelope), keeps values in DS's formats and drops the others as DS does", async () => {
    const dossier = await client.prefill(90101, {
      [`champ_${id(1011)}`]: "École",
      [`champ_${id(1013)}`]: ["63000", "63113"],
      [`champ_${id(1015)}`]: "480000",
      [`champ_${id(1016)}`]: "01/09/2026",
      champ_unknown: 1,
    });
    expect(dossier).toEqual({
      dossier_url: `http://127.0.0.1:${server.port}/commencer/fonds-vert?prefill_token=${dossier.dossier_prefill_token}`,
      state: "prefilled",
      dossier_id: Buffer.from(`Dossier-${dossier.dossier_number}`).toString("base64"),
      dossier_number: dossier.dossier_number,
      dossier_prefill_token: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
    });
    // A number as a string and a French date are not DS formats: dropped.
    expect(ds.store.dossiers.get(dossier.dossier_number)!.champs).toEqual({ [id(1011)]: "École", [id(1013)]: ["63000", "63113"] });
    expect(await client.prefilledDossiers(90101, [dossier.dossier_prefill_token, "unknown"])).toEqual([{ ...dossier }]);
    ds.store.move(dossier.dossier_number, "en_construction");
    const [submitted] = await client.prefilledDossiers(90101, [dossier.dossier_prefill_token]);
    expect(submitted).toEqual({
      state: "en_construction",
      submitted_at: expect.any(String) as unknown,
      dossier_id: dossier.dossier_id,
      dossier_number: dossier.dossier_number,
      dossier_prefill_token: dossier.dossier_prefill_token,
    });
  });

  it("pages dossiers(updatedSince:) through the API v2 with the amounts of champs and annotations", async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await client.prefill(90101, {})).dossier_number);
    for (const n of numbers) ds.store.move(n, "en_instruction", { requested: 1000 + n, granted: null });
    const page = await client.dossiersSince(TOKEN, 90101, null, null);
    const nodes = page.demarche.dossiers.nodes!;
    expect(nodes.map((d) => d!.number)).toEqual(expect.arrayContaining(numbers));
    const amount = nodes.find((d) => d!.number === numbers[0])!.champs.find((c) => c.champDescriptorId === id(1020));
    expect(amount).toEqual({ __typename: "DecimalNumberChamp", champDescriptorId: id(1020), stringValue: String(1000 + numbers[0]), decimalNumber: 1000 + numbers[0] });
    const since = nodes[nodes.length - 1]!.dateDerniereModification;
    expect((await client.dossiersSince(TOKEN, 90101, since, null)).demarche.dossiers.nodes!.map((d) => d!.number)).toEqual([numbers[2]]);
  });

  it("retries a 429 after its Retry-After, and a 5xx on a read", async () => {
    ds.failNext("read", { status: 429, headers: { "Retry-After": "0" }, body: "Calm down, cowboy!" }, { status: 502, body: "<html>Bad gateway</html>" });
    const before = ds.stats.read;
    expect(await client.prefilledDossiers(90101, ["none"])).toEqual([]);
    expect(ds.stats.read).toBe(before + 3);
  });

  it("never retries a prefill POST after a 500 (it may have created a dossier)", async () => {
    ds.failNext("prefill", { status: 500, body: "{}" });
    const before = ds.stats.prefill;
    expect(await failure(client.prefill(90101, {}))).toEqual(["UPSTREAM_UNAVAILABLE", null, "Démarches Simplifiées est indisponible (erreur 500)."]);
    expect(ds.stats.prefill).toBe(before + 1);
  });

  it.each([
    ["a timeout", "prefill", { delayMs: 1000, status: 201, body: "{}" }, ["UPSTREAM_UNAVAILABLE", null, "Démarches Simplifiées n’a pas répondu en 0.3 s."]],
    ["malformed JSON", "prefill", { status: 201, body: '{"dossier_url": "http' }, ["UPSTREAM_UNAVAILABLE", null, "Démarches Simplifiées a renvoyé une réponse illisible (HTTP 201)."]],
    ["a 201 without the dossier", "prefill", { status: 201, body: "{}" }, ["UPSTREAM_UNAVAILABLE", null, "Démarches Simplifiées a répondu 201 sans dossier exploitable."]],
    [
      "a refused value (400)",
      "prefill",
      { status: 400, body: '{"error":"Le champ « Commune » n’est pas valide"}' },
      ["BAD_USER_INPUT", "DS_REFUSED", "La démarche a refusé le pré-remplissage : Le champ « Commune » n’est pas valide"],
    ],
    [
      "a 429 longer than the client waits",
      "prefill",
      { status: 429, headers: { "Retry-After": "60" }, body: "Calm down, cowboy!" },
      ["UPSTREAM_UNAVAILABLE", "DS_RATE_LIMITED", "Démarches Simplifiées limite le nombre d’appels : réessayez dans 60 s."],
    ],
  ] as const)("turns %s into a coded error in French", async (_name, route, fault, expected) => {
    ds.failNext(route, fault);
    expect(await failure(("delayMs" in fault ? impatient : client).prefill(90101, {}))).toEqual(expected);
  });

  it("reports a closed or unknown démarche", async () => {
    expect(await failure(client.prefill(1, {}))).toEqual(["UPSTREAM_UNAVAILABLE", "DS_PROCEDURE_NOT_FOUND", "Démarche introuvable ou close sur Démarches Simplifiées (procedure 1 is not found)."]);
  });

  it("reports an expired, an unknown or an unauthorised API token clearly", async () => {
    expect(await failure(client.dossiersSince("not-a-token", 90101, null, null))).toEqual([
      "UPSTREAM_UNAVAILABLE",
      "DS_TOKEN_REFUSED",
      "Le jeton d’API Démarches Simplifiées est expiré ou invalide (Unauthorized).",
    ]);
    expect(await failure(client.dossiersSince(TOKEN, 90102, null, null))).toEqual([
      "UPSTREAM_UNAVAILABLE",
      "DS_TOKEN_REFUSED",
      "Le jeton d’API Démarches Simplifiées n’a pas accès à cette démarche : An object of type Demarche was hidden due to permissions",
    ]);
    ds.expireToken(TOKEN);
    expect(await failure(client.dossiersSince(TOKEN, 90101, null, null))).toEqual([
      "UPSTREAM_UNAVAILABLE",
      "DS_TOKEN_REFUSED",
      "Le jeton d’API Démarches Simplifiées est expiré ou invalide (Token expired).",
    ]);
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(null)).toBe(1000);
  });
});
