import { CAMILLE, codes, NADIA, startHub, type Hub } from "@hub/testing";
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const ROOT = join(__dirname, "..", "..", "..");
const IMPORT = `mutation($content: String!, $format: ImportFormat, $dryRun: Boolean, $source: String) {
  importProjects(content: $content, format: $format, dryRun: $dryRun, source: $source) { source dryRun written rows created updated unchanged errorCount errors { line column message } }
}`;
const THEMES =
  "eau, culture-patrimoine-sports-tourisme, nature-environnement-risques, urbanisme-logement-amenagement, energies-dechets, solidarites-lien-social, developpement-economique, mobilite-transports, fonctions-support";
const HEADER = "identifiant_externe;territoire;titre;thematiques;programmes;phase;budget;date_debut;date_fin;statut";
const VALID = [
  HEADER,
  "FA-1;63113;Rénovation de l'école;energies-dechets;CRTE;étude;1 250 000;2026-03-01;2027-06-30;déposé",
  "FA-2;200071751;Voie verte;mobilite-transports|eau;CRTE|Fonds vert;opération;3500000;01/09/2026;;qualifié",
].join("\n");

interface Report {
  source: string;
  dryRun: boolean;
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: { line: number; column: string | null; message: string }[];
}

describe("importProjects: existing portfolios come in", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  beforeAll(async () => {
    hub = await startHub();
    t.nadia = await hub.token(NADIA);
    t.camille = await hub.token(CAMILLE);
    const key = async (scopes: string[]) =>
      (await hub.query<{ createApiKey: { key: string } }>(`mutation($s: [String!]!) { createApiKey(input: { name: "Programme", scopes: $s }) { key } }`, { s: scopes }, t.nadia)).data!.createApiKey
        .key;
    t.importer = await key(["projects:import"]);
    t.reader = await key(["projects:read"]);
  });
  afterAll(() => hub.stop());

  const run = async (token: string | undefined, content: string, variables: Record<string, unknown> = {}) => hub.query<{ importProjects: Report }>(IMPORT, { content, ...variables }, token);
  const imported = (source: string) =>
    hub.sql<{
      external_id: string;
      title: string;
      status: string;
      territory_id: string;
      owner_id: string;
      budget_euros: string | null;
      start_date: string | null;
      themes: string[];
      programmes: string[];
      phase: string;
    }>(
      "projects",
      "SELECT external_id, title, status, territory_id, owner_id, budget_euros, start_date::text, themes, programmes, phase FROM project WHERE external_source = $1 ORDER BY external_id",
      [source],
    );
  const journal = (source: string) =>
    hub.sql<{ kind: string; summary: string; payload: { fields?: string[]; status?: string } }>(
      "projects",
      "SELECT a.kind, a.summary, a.payload FROM activity a JOIN project p ON p.id = a.project_id WHERE p.external_source = $1 ORDER BY a.id",
      [source],
    );

  it("dry run: checks and counts, writes nothing", async () => {
    const response = await run(t.nadia, VALID, { dryRun: true, source: "dry" });
    expect(response.data?.importProjects).toEqual({ source: "dry", dryRun: true, written: false, rows: 2, created: 2, updated: 0, unchanged: 0, errorCount: 0, errors: [] });
    expect(await imported("dry")).toEqual([]);
  });

  it("creates each project on its commune or EPCI, owned by its collectivité, with one journal entry each", async () => {
    const response = await run(t.nadia, VALID, { source: "crte-63" });
    expect(response.errors).toBeUndefined();
    expect(response.data!.importProjects).toEqual({ source: "crte-63", dryRun: false, written: true, rows: 2, created: 2, updated: 0, unchanged: 0, errorCount: 0, errors: [] });
    expect(await imported("crte-63")).toEqual([
      {
        external_id: "FA-1",
        title: "Rénovation de l'école",
        status: "SUBMITTED",
        territory_id: "COMMUNE:63113",
        owner_id: "COLLECTIVITE:216301135",
        budget_euros: "1250000",
        start_date: "2026-03-01",
        themes: ["energies-dechets"],
        programmes: ["CRTE"],
        phase: "ETUDE",
      },
      {
        external_id: "FA-2",
        title: "Voie verte",
        status: "QUALIFIED",
        territory_id: "EPCI:200071751",
        owner_id: "COLLECTIVITE:200071751",
        budget_euros: "3500000",
        start_date: "2026-09-01",
        themes: ["mobilite-transports", "eau"],
        programmes: ["CRTE", "Fonds vert"],
        phase: "OPERATION",
      },
    ]);
    expect((await journal("crte-63")).map((a) => [a.kind, a.summary, a.payload.status])).toEqual([
      ["PROJECT_CREATED", "Projet « Rénovation de l'école » importé (crte-63)", "SUBMITTED"],
      ["PROJECT_CREATED", "Projet « Voie verte » importé (crte-63)", "QUALIFIED"],
    ]);
    // Through the graph, with the journal and the territory resolved by people-territories.
    const listed = await hub.query<{ projects: { edges: { node: { externalId: string; externalSource: string; territory: { name: string }; activity: { edges: { node: { kind: string } }[] } } }[] } }>(
      `{ projects(first: 10, filter: { territoryId: "COMMUNE:63113", search: "Rénovation de l'école" }) { edges { node { externalId externalSource territory { name } activity(first: 5) { edges { node { kind } } } } } } }`,
      {},
      t.nadia,
    );
    expect(listed.data!.projects.edges.map((e) => e.node)).toEqual([
      { externalId: "FA-1", externalSource: "crte-63", territory: { name: "Clermont-Ferrand" }, activity: { edges: [{ node: { kind: "PROJECT_CREATED" } }] } },
    ]);
  });

  it("is idempotent on the external id: the same file changes nothing, an edited line updates its project once", async () => {
    expect((await run(t.nadia, VALID, { source: "crte-63" })).data!.importProjects).toMatchObject({ written: false, rows: 2, created: 0, updated: 0, unchanged: 2 });
    // Columns absent from the file are left as they are; a present, empty cell clears its field.
    const edited = ["identifiant_externe;territoire;titre;statut;budget", "FA-1;63113;Rénovation de l'école (tranche 2);en cours;", "FA-3;63014;Nouveau projet;brouillon;10"].join("\r\n");
    expect((await run(t.nadia, edited, { source: "crte-63" })).data!.importProjects).toMatchObject({ written: true, rows: 2, created: 1, updated: 1, unchanged: 0 });
    const rows = await imported("crte-63");
    expect(rows.map((r) => [r.external_id, r.title, r.status, r.budget_euros, r.start_date, r.themes])).toEqual([
      ["FA-1", "Rénovation de l'école (tranche 2)", "IN_PROGRESS", null, "2026-03-01", ["energies-dechets"]],
      ["FA-2", "Voie verte", "QUALIFIED", "3500000", "2026-09-01", ["mobilite-transports", "eau"]],
      ["FA-3", "Nouveau projet", "DRAFT", "10", null, []],
    ]);
    const entries = await journal("crte-63");
    expect(entries.length).toBe(4);
    expect(entries.filter((a) => a.kind === "PROJECT_UPDATED").map((a) => a.payload.fields)).toEqual([["title", "budgetEuros", "status"]]);
    // Another source's FA-1 is another project.
    expect((await run(t.nadia, VALID, { source: "pvd" })).data!.importProjects).toMatchObject({ created: 2 });
  });

  it("reports every faulty line in French, with its line and column, and writes nothing", async () => {
    const before = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM project");
    const content = [
      HEADER,
      "FA-10;63113;Valide;eau;;idée;;;;brouillon",
      "FA-11;99999;Projet;sport;;;abc;2026-02-30;;fini",
      ";63113;;eau;;;;2026-05-01;2026-01-01;déposé",
      "FA-10;63113;Doublon;eau;;;;;;déposé",
    ].join("\n");
    const response = await run(t.nadia, content, { source: "errors" });
    expect(response.errors).toBeUndefined();
    expect(response.data!.importProjects).toEqual({
      source: "errors",
      dryRun: false,
      written: false,
      rows: 4,
      created: 0,
      updated: 0,
      unchanged: 0,
      errorCount: 9,
      errors: [
        { line: 3, column: "territoire", message: "Aucune commune actuelle de code INSEE 99999 (code officiel géographique 2026)" },
        { line: 3, column: "thematiques", message: `Thématique inconnue : « sport » (codes possibles : ${THEMES})` },
        { line: 3, column: "budget", message: "« abc » n'est pas un montant en euros (exemple : 1250000 ou 1 250 000,50)" },
        { line: 3, column: "date_debut", message: "« 2026-02-30 » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)" },
        { line: 3, column: "statut", message: "Statut inconnu « fini » (brouillon, depose, qualifie, attribue, en_cours, termine, abandonne)" },
        { line: 4, column: "identifiant_externe", message: "Identifiant externe obligatoire" },
        { line: 4, column: "titre", message: "Titre obligatoire" },
        { line: 4, column: "date_fin", message: "Date de fin antérieure à la date de début" },
        { line: 5, column: "identifiant_externe", message: "Identifiant externe « FA-10 » déjà présent ligne 2" },
      ],
    });
    expect(await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM project")).toEqual(before);
  });

  it.each([
    [
      "a header without the required columns",
      "titre;budget\nX;1",
      ["identifiant_externe", "territoire", "statut"].map((column) => ({ line: 1, column, message: `Colonne obligatoire « ${column} » absente` })),
    ],
    [
      "an unknown column",
      `${HEADER};couleur\nFA-1;63113;X;;;;;;;brouillon;bleu`,
      [
        {
          line: 1,
          column: "couleur",
          message: `Colonne inconnue « couleur » (colonnes possibles : identifiant_externe, territoire, titre, description, thematiques, programmes, phase, budget, date_debut, date_fin, statut)`,
        },
      ],
    ],
    ["an empty file", "", [{ line: 1, column: null, message: "Fichier vide : la première ligne doit nommer les colonnes" }]],
  ])("refuses %s", async (_case, content, errors) => {
    const report = (await run(t.nadia, content, { source: "headers" })).data!.importProjects;
    expect([report.written, report.rows, report.errors]).toEqual([false, 0, errors]);
  });

  it("reads XLSX: the first worksheet, date cells and numbers", async () => {
    const xlsx = async (rows: unknown[][]) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Fiches actions");
      sheet.addRow(["Identifiant externe", "Territoire", "Titre", "Thématiques", "Budget", "Date début", "Statut"]);
      for (const row of rows) sheet.addRow(row);
      // A second worksheet is not read.
      workbook.addWorksheet("Notes").addRow(["Y-1", "nimporte quoi"]);
      return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    };
    const first = ["X-1", "63113", "Gymnase", "culture-patrimoine-sports-tourisme", 800000, new Date(Date.UTC(2026, 4, 15)), "Déposé"];
    const faulty = (
      await run(t.nadia, await xlsx([first, ["X-2", 3190, "Centre de santé", "solidarites-lien-social", 1200000.4, "2026-01-01", "qualifié"], ["X-3", "03190"]]), { format: "XLSX", source: "xlsx" })
    ).data!.importProjects;
    expect(faulty.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "territoire"],
      [4, "titre"],
      [4, "statut"],
    ]);
    const fixed = await xlsx([first, ["X-2", "03190", "Centre de santé", "solidarites-lien-social", 1200000.4, "2026-01-01", "qualifié"]]);
    expect((await run(t.nadia, fixed, { format: "XLSX", source: "xlsx" })).data!.importProjects).toMatchObject({ written: true, rows: 2, created: 2, errorCount: 0 });
    expect((await imported("xlsx")).map((r) => [r.external_id, r.territory_id, r.budget_euros, r.start_date, r.status])).toEqual([
      ["X-1", "COMMUNE:63113", "800000", "2026-05-15", "SUBMITTED"],
      ["X-2", "COMMUNE:03190", "1200000", "2026-01-01", "QUALIFIED"],
    ]);
  });

  it("refuses a content that is not XLSX", async () => {
    const report = (await run(t.nadia, Buffer.from("not a workbook").toString("base64"), { format: "XLSX", source: "xlsx-bad" })).data!.importProjects;
    expect([report.written, report.errorCount, report.errors[0].message]).toEqual([false, 1, expect.stringMatching(/^Fichier illisible en XLSX/)]);
  });

  it("is for ANCT national agents and API keys with the projects:import scope only", async () => {
    expect((await run(t.importer, VALID, { source: "programme" })).data!.importProjects).toMatchObject({ created: 2 });
    const refused = await Promise.all([run(t.camille, VALID), run(t.reader, VALID), run(undefined, VALID)]);
    expect(refused.map((r) => [codes(r), r.errors?.[0].message])).toEqual([
      [["FORBIDDEN"], "Not allowed: project:import"],
      [["FORBIDDEN"], "Not allowed: project:import"],
      [["UNAUTHENTICATED"], expect.any(String)],
    ]);
    expect(codes(await run(t.nadia, VALID, { source: "" }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("POST /imports on the gateway: a file past GraphQL's 1 MB, streamed to the projects subgraph", async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => `UP-${i};63113;Projet importé numéro ${i} avec un titre assez long pour le volume;eau;CRTE;étude;${1000 + i};2026-01-01;;déposé`);
    const body = [HEADER, ...lines].join("\n");
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    const upload = async (token: string | undefined, query: string, content: string) => {
      const response = await fetch(`${hub.origin}/imports?${query}`, {
        method: "POST",
        headers: { "content-type": "text/csv", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: content,
      });
      return { status: response.status, body: (await response.json()) as Report & { error?: { code: string } } };
    };
    expect(await upload(t.nadia, "source=upload&dryRun=true", body)).toEqual({
      status: 200,
      body: { source: "upload", dryRun: true, written: false, rows: 12_000, created: 12_000, updated: 0, unchanged: 0, errorCount: 0, errors: [] },
    });
    expect((await upload(t.importer, "source=upload", body)).body).toMatchObject({ written: true, rows: 12_000, created: 12_000, errorCount: 0 });
    const [{ projects, activities }] = await hub.sql<{ projects: number; activities: number }>(
      "projects",
      "SELECT count(DISTINCT p.id)::int AS projects, count(a.id)::int AS activities FROM project p JOIN activity a ON a.project_id = p.id WHERE p.external_source = 'upload'",
    );
    expect([projects, activities]).toEqual([12_000, 12_000]);
    const refused = await Promise.all([upload(t.camille, "source=upload", body), upload(undefined, "source=upload", "x"), upload(t.nadia, "format=PDF", "x")]);
    expect(refused.map((r) => [r.status, r.body.error?.code])).toEqual([
      [403, "FORBIDDEN"],
      [401, "UNAUTHENTICATED"],
      [400, "BAD_USER_INPUT"],
    ]);
  });

  it("POST /imports refuses a file over IMPORT_MAX_BYTES (16 MiB in tests), declared or streamed, with 413", async () => {
    const send = async (body: string | ReadableStream<Uint8Array>) => {
      const init = { method: "POST", headers: { authorization: `Bearer ${t.nadia}` }, body, duplex: "half" as const };
      const response = await fetch(`${hub.origin}/imports?source=big`, init);
      return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    };
    // With a Content-Length, the gateway refuses it; streamed without one, the projects subgraph stops at the limit.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 17) controller.enqueue(new Uint8Array(1024 * 1024).fill(97));
        else controller.close();
      },
    });
    expect([await send("a".repeat(17 * 1024 * 1024)), await send(stream)]).toEqual([
      [413, "BAD_USER_INPUT"],
      [413, "BAD_USER_INPUT"],
    ]);
    expect(await hub.sql("projects", "SELECT 1 FROM project WHERE external_source = 'big'")).toEqual([]);
  });

  it("npm run import: the same service from the command line, on a file", async () => {
    const folder = await mkdtemp(join(tmpdir(), "hub-import-"));
    try {
      const file = join(folder, "fiches.csv");
      await writeFile(file, readFileSync(join(ROOT, "docs", "import-sample.csv")));
      const url = (hub.subgraphs.projects.database.dataSource.options as { url: string }).url;
      const cli = (...args: string[]) => promisify(execFile)(process.execPath, [join(ROOT, "scripts", "import.mjs"), ...args], { env: { ...process.env, PROJECTS_DATABASE_URL: url } });
      const dry = await cli(file, "--dry-run", "--source", "cli");
      expect(dry.stdout).toMatch(/^source cli: 5 rows, 5 created, 0 updated, 0 unchanged, 0 errors \(dry run, nothing written\)\n/);
      expect((await cli(file, "--source", "cli")).stdout).toMatch(/^source cli: 5 rows, 5 created, 0 updated, 0 unchanged, 0 errors \(written\)\n/);
      expect((await imported("cli")).map((r) => r.external_id)).toEqual(["CRTE-03-2026-001", "CRTE-03-2026-002", "CRTE-63-2026-001", "CRTE-63-2026-002", "CRTE-63-2026-003"]);
      await writeFile(file, `${HEADER}\nX;63113;;;;;;;;brouillon\n`);
      const failed = await cli(file, "--source", "cli").then(
        () => null,
        (error: unknown) => error as { code: number; stdout: string },
      );
      expect([failed?.code, failed?.stdout.split("\n").slice(0, 2)]).toEqual([
        1,
        ["source cli: 1 rows, 0 created, 0 updated, 0 unchanged, 1 errors (nothing written)", "  ligne 2, colonne titre : Titre obligatoire"],
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
