import { CAMILLE, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

/** The CSV export, through the gateway, with each caller's credentials. */
describe("GET /exports/projects.csv", () => {
  let hub: Hub;
  let camille: string;
  let ids: Record<string, string>;
  let ownerName: string;

  const csv = async (query: string, token?: string) => {
    const response = await fetch(`${hub.origin}/exports/projects.csv${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString("utf8") };
  };
  /** The lines without the BOM, split on CRLF (the last one is empty). */
  const lines = (text: string) =>
    text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .slice(0, -1);
  const ids_in = (text: string) =>
    lines(text)
      .slice(1)
      .map((line) => line.split(";")[0]);

  beforeAll(async () => {
    hub = await startHub();
    camille = await hub.token(CAMILLE);
    const create = async (title: string, submit: boolean, extra: Record<string, unknown> = {}) => {
      const created = await hub.query<{ createProject: { id: string } }>(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"], ...extra } },
        camille,
      );
      const id = created.data!.createProject.id;
      if (submit) {
        const submitted = await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { status } }`, { i: { projectId: id, transition: "SUBMIT" } }, camille);
        expect(submitted.errors).toBeUndefined();
      }
      return id;
    };
    ids = {
      plain: await create("Station d'épuration", true, { programmes: ["CRTE"], phase: "ETUDE", budgetEuros: 125000 }),
      tricky: await create('=HYPERLINK("x");"cité" des "arts"\nsur deux lignes', true),
      draft: await create("Projet encore secret", false),
    };
    const me = await hub.query<{ me: { organization: { name: string } } }>(`{ me { organization { name } } }`, {}, camille);
    ownerName = me.data!.me.organization.name;
  });
  afterAll(() => hub.stop());

  it("streams a UTF-8 CSV with a BOM, ';' separators, CRLF lines, French headers and one line per project", async () => {
    const answer = await csv("", await hub.token(NADIA));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="projets.csv"');
    expect(Number(answer.headers.get("x-hub-current-at"))).toBeGreaterThan(0);
    expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Every line ends with CRLF (a line break inside a quoted cell is the cell's own: see below).
    expect(answer.text.endsWith("\r\n")).toBe(true);
    const [header, first] = lines(answer.text);
    expect(header).toBe(
      "Identifiant;Titre;Statut;Phase;Thématiques;Programmes;Code commune;Commune;SIREN EPCI;EPCI;Code CRTE;CRTE;Code département;Département;Code région;Région;" +
        "Organisation référente;Budget estimé (€);Montant demandé (€);Montant accordé (€);Créé le;Déposé le;Qualifié le;Attribué le;Financement décidé le;Dernière activité;Lien vers la fiche",
    );
    const cells = first.split(";");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    expect(cells).toEqual([
      ids.plain,
      "Station d'épuration",
      "Déposé",
      "Étude",
      "Eau et milieux aquatiques",
      "CRTE",
      "63113",
      "Clermont-Ferrand",
      expect.stringMatching(/^\d{9}$/),
      expect.stringContaining("Clermont"),
      expect.any(String),
      expect.any(String),
      "63",
      "Puy-de-Dôme",
      "84",
      "Auvergne-Rhône-Alpes",
      ownerName,
      "125000",
      "0",
      "0",
      today,
      // The dates of each step, as far as the read model knows them.
      expect.stringMatching(/^(\d{4}-\d{2}-\d{2})?$/),
      "",
      "",
      "",
      today,
      `https://hub.example.fr/#/projets/${ids.plain}`,
    ]);
  });

  it("quotes and escapes text, and defuses what a spreadsheet would run as a formula", async () => {
    const answer = await csv("", await hub.token(NADIA));
    expect(answer.text).toContain(`\r\n${ids.tricky};"'=HYPERLINK(""x"");""cité"" des ""arts""\nsur deux lignes";Déposé;`);
  });

  it("shows each caller what the API shows: drafts to their organisation only; nothing to anonymous callers", async () => {
    expect(ids_in((await csv("", camille)).text).sort()).toEqual(Object.values(ids).sort());
    expect(ids_in((await csv("", await hub.token(JULIEN))).text).sort()).toEqual([ids.plain, ids.tricky].sort());
    expect(ids_in((await csv("", await hub.token(NADIA))).text).sort()).toEqual([ids.plain, ids.tricky].sort());
    const anonymous = await csv("");
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toEqual({ error: { code: "UNAUTHENTICATED", message: "Authentication required" } });
  });

  it("applies the filter, and refuses a bad one with a coded error", async () => {
    const nadia = await hub.token(NADIA);
    expect(ids_in((await csv("?programme=CRTE", nadia)).text)).toEqual([ids.plain]);
    expect(ids_in((await csv("?territoryId=DEPARTEMENT:63&phase=ETUDE&status=SUBMITTED", nadia)).text)).toEqual([ids.plain]);
    expect(ids_in((await csv("?territoryId=REGION:11", nadia)).text)).toEqual([]);
    expect(ids_in((await csv(`?from=2000-01-01&to=2000-12-31`, nadia)).text)).toEqual([]);
    expect(ids_in((await csv("?status=DRAFT", camille)).text)).toEqual([ids.draft]);
    for (const bad of ["?territoryId=nowhere", "?status=LOST", "?from=yesterday", "?theme=a&theme=b"]) {
      const answer = await csv(bad, nadia);
      expect([bad, answer.status, (JSON.parse(answer.text) as { error: { code: string } }).error.code]).toEqual([bad, 400, "BAD_USER_INPUT"]);
    }
  });

  it("reads thousands of facts in batches from a cursor, oldest first", async () => {
    // Facts written straight into the read model (3,500: several batches of the cursor).
    await hub.sql(
      "reporting",
      `INSERT INTO project_fact (project_id, territory_id, territory_ids, title, status, themes, programmes, phase, owner_id, created_at, last_activity_at, last_activity_id)
       SELECT gen_random_uuid(), 'COMMUNE:63113', ARRAY['COMMUNE:63113', 'DEPARTEMENT:63', 'REGION:84'], 'Projet ' || n, 'SUBMITTED', '{}', ARRAY['BULK'], 'IDEE',
              'org-bulk', now() - interval '1 day' * n, now(), 0
         FROM generate_series(1, 3500) AS n`,
    );
    const answer = await csv("?programme=BULK", await hub.token(NADIA));
    const rows = lines(answer.text).slice(1);
    expect(rows).toHaveLength(3500);
    expect(rows[0].split(";")[1]).toBe("Projet 3500");
    expect(rows[3499].split(";")[1]).toBe("Projet 1");
  });
});
