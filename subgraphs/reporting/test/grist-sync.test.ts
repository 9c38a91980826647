import { codes, CAMILLE, GRIST_DOCUMENT, NADIA, startHub, type Hub } from "@hub/testing";
import { GraphQLError } from "graphql";
import { readReportingConfig } from "../src/config";
import { GristSyncService, type GristSyncOptions } from "../src/services/grist-sync.service";

const SYNC = `mutation($doc: String!, $table: String!, $filter: ProjectExportFilter, $keep: Boolean) {
  syncToGrist(docId: $doc, tableId: $table, filter: $filter, keepCurrent: $keep) { docId tableId rows requests columnsCreated currentAt scheduled done }
}`;

type SyncResult = {
  syncToGrist: { rows: number; requests: number; columnsCreated: string[]; currentAt: string; scheduled: boolean; done: boolean };
};

/** syncToGrist through the gateway, against the Grist stand-in. */
describe("syncToGrist", () => {
  let hub: Hub;
  let camille: string;
  let nadia: string;
  const ids: string[] = [];

  const create = async (title: string, submit: boolean) => {
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"] } },
      camille,
    );
    const id = created.data!.createProject.id;
    if (submit) await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { status } }`, { i: { projectId: id, transition: "SUBMIT" } }, camille);
    return id;
  };
  const rows = () => hub.grist.rows(GRIST_DOCUMENT, "Projets");
  const sync = (variables: Record<string, unknown> = {}, token = nadia) => hub.query<SyncResult>(SYNC, { doc: GRIST_DOCUMENT, table: "Projets", ...variables }, token);

  beforeAll(async () => {
    hub = await startHub({ gristSyncSeconds: 1, gristSyncWaitMs: 2000 });
    camille = await hub.token(CAMILLE);
    nadia = await hub.token(NADIA);
    ids.push(await create("Station d'épuration", true), await create("Réseau de chaleur", true));
    await create("Brouillon de la commune", false);
    // What these tests check is what is written to Grist, not how long reporting takes to read
    // the journal (a sync waits for it 2 s at most here, which a loaded CI machine overran once).
    await hub.reportingCaughtUp();
  });
  afterAll(() => hub.stop());

  it("creates the missing columns, then writes one row per visible project, keyed on the project id", async () => {
    const first = await sync();
    expect(first.errors).toBeUndefined();
    expect(first.data!.syncToGrist).toMatchObject({ rows: 2, requests: 1, scheduled: false, done: true });
    expect(first.data!.syncToGrist.columnsCreated).toEqual(expect.arrayContaining(["projet_id", "titre", "statut", "commune", "organisation_referente", "montant_demande", "lien_fiche"]));
    const columns = hub.grist.documents.get(GRIST_DOCUMENT)!.get("Projets")!.columns;
    expect(columns.find((c) => c.id === "montant_demande")?.fields).toMatchObject({ label: "Montant demandé (€)", type: "Numeric" });
    expect(
      rows()
        .map((r) => r.projet_id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(rows().find((r) => r.projet_id === ids[0])).toMatchObject({
      titre: "Station d'épuration",
      statut: "Déposé",
      commune: "Clermont-Ferrand",
      departement_code: "63",
      montant_demande: 0,
      lien_fiche: `https://hub.example.fr/#/projets/${ids[0]}`,
    });
  });

  it("is idempotent: a second sync updates the same rows and creates no column", async () => {
    const again = await sync();
    expect(again.data!.syncToGrist).toMatchObject({ rows: 2, columnsCreated: [] });
    expect(rows()).toHaveLength(2);
  });

  it("waits out Grist's 429s", async () => {
    const before = hub.grist.stats.rateLimited;
    hub.grist.rateLimitNext(2, 0);
    const answer = await sync();
    expect(answer.errors).toBeUndefined();
    expect(hub.grist.stats.rateLimited - before).toBe(2);
    expect(rows()).toHaveLength(2);
  });

  it("answers before a slow sync ends, which goes on in the background", async () => {
    const id = await create("Médiathèque", true);
    hub.grist.slowDown(2500);
    try {
      const answer = await sync();
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.syncToGrist).toMatchObject({ done: false, rows: 0 });
      for (let i = 0; i < 200 && !rows().some((r) => r.projet_id === id); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(rows().map((r) => r.projet_id)).toContain(id);
    } finally {
      hub.grist.slowDown(0);
    }
    ids.push(id);
  });

  it("is for ANCT national agents (and programmes with grist:sync); bad ids and unknown tables are the caller's errors", async () => {
    expect(codes(await sync({}, camille))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(SYNC, { doc: GRIST_DOCUMENT, table: "Projets" }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await sync({ doc: "../admin" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await sync({ filter: { status: "LOST" } }))).toEqual(["BAD_USER_INPUT"]);
    const missing = await sync({ table: "Absente" });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "GRIST_NOT_FOUND" });
  });

  it("keeps a table current from the journal: a project changed later is sent again, alone", async () => {
    const registered = await sync({ keep: true, filter: { territoryId: "DEPARTEMENT:63" } });
    expect(registered.data!.syncToGrist.scheduled).toBe(true);
    const [row] = await hub.sql<{ last_cursor: string }>("reporting", "SELECT last_cursor::text AS last_cursor FROM grist_sync");
    expect(row.last_cursor).toBe(registered.data!.syncToGrist.currentAt);
    const read = await hub.query<{ project: { version: number } }>(`query($id: ID!) { project(id: $id) { version } }`, { id: ids[1] }, camille);
    const renamed = await hub.query(
      `mutation($id: ID!, $v: Int!) { updateProject(id: $id, version: $v, input: { title: "Réseau de chaleur urbain" }) { title } }`,
      { id: ids[1], v: read.data!.project.version },
      camille,
    );
    expect(renamed.errors).toBeUndefined();
    const upsertsBefore = hub.grist.stats.upserts.length;
    // The scheduled run (every second here) sends it; wait for it without assuming when.
    for (let i = 0; i < 100 && rows().find((r) => r.projet_id === ids[1])?.titre !== "Réseau de chaleur urbain"; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rows().find((r) => r.projet_id === ids[1])?.titre).toBe("Réseau de chaleur urbain");
    expect(hub.grist.stats.upserts.slice(upsertsBefore)).toEqual([1]);
    expect(rows()).toHaveLength(ids.length);

    expect((await hub.query(`mutation { stopGristSync(docId: "${GRIST_DOCUMENT}", tableId: "Projets") }`, {}, nadia)).data).toEqual({ stopGristSync: true });
    expect((await hub.query(`mutation { stopGristSync(docId: "${GRIST_DOCUMENT}", tableId: "Projets") }`, {}, nadia)).data).toEqual({ stopGristSync: false });
  });

  it("is refused with a clear code on a hub without GRIST_URL, which never defaults one", async () => {
    const config = readReportingConfig({ HUB_MODE: "test", DATABASE_URL: "postgres://localhost/postgres" });
    expect(config.grist).toBeNull();
    // Only the client matters before anything is read: the refusal comes first.
    const service = new GristSyncService({ client: config.grist } as unknown as GristSyncOptions);
    const refusal = await service
      .syncNow({ personId: null, organizationId: null, roles: ["ANCT_NATIONAL"], departements: [], communes: [], scopes: [], programmes: [], territories: [] }, "doc", "Projets", {}, false)
      .then(
        () => null,
        (e: unknown) => e as GraphQLError,
      );
    expect(refusal?.extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", reason: "GRIST_NOT_CONFIGURED" });
    expect(() => readReportingConfig({ HUB_MODE: "test", DATABASE_URL: "postgres://localhost/postgres", GRIST_URL: "https://grist.example.fr/api" })).toThrow("GRIST_API_KEY is required");
  });
});
