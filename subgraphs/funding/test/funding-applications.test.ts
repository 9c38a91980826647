import { DemarchesSimplifieesClient, loadProcedures } from "@hub/funding";
import { ActivityOutbox } from "../src/services/activity-outbox.service";
import { DsSync } from "../src/services/ds-sync.service";
import { ProjectGate } from "../src/services/project-gate.service";
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { CAMILLE, codes, DS_API_TOKEN, JULIEN, startHub, type Hub } from "@hub/testing";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const id = (n: number) => Buffer.from(`Champ-${n}`).toString("base64").replace(/=+$/, "");

const PREPARE = `mutation Prepare($projectId: ID!, $procedure: String!) {
  prepareFundingApplication(projectId: $projectId, procedure: $procedure) {
    __typename
    ... on FundingApplicationPrepared { url application { id procedure status dossierNumber dossierUrl demarcheNumber } }
    ... on FundingApplicationIncomplete { message missing { champ message } }
  }
}`;

const APPLICATIONS = `query Applications($id: ID!) {
  project(id: $id) { title fundingApplications { procedure status dossierNumber dossierUrl amountRequested amountGranted submittedAt processedAt updatedAt } }
}`;

type Prepared = {
  prepareFundingApplication: {
    __typename: string;
    url?: string;
    application?: { id: string; procedure: string; status: string; dossierNumber: number; dossierUrl: string; demarcheNumber: number };
    message?: string;
    missing?: { champ: string; message: string }[];
  };
};

describe("Démarches Simplifiées applications through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  const dsCalls = () => hub.ds.stats.prefill + hub.ds.stats.read + hub.ds.stats.graphql;

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Rénovation thermique de l’école", description: "Isolation et chaudière bois", territoryId: "COMMUNE:63113", budgetEuros: 480000, startDate: "2026-09-01" }) { id } }`,
      {},
      t.camille,
    );
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  it("lists the configured démarches with their numbers and mappings", async () => {
    const result = await hub.query<{ fundingProcedures: { key: string; demarcheNumber: number; apiSync: boolean; champs: { source: string | null }[] }[] }>(
      `{ fundingProcedures { key name demarcheNumber apiSync champs { label type source required } } }`,
      {},
      t.camille,
    );
    expect(result.data!.fundingProcedures.map((p) => [p.key, p.demarcheNumber, p.apiSync])).toEqual([
      ["FONDS_VERT", 90101, true],
      ["DETR", 90102, false],
      ["DSIL", 90103, false],
      ["FNADT", 90104, false],
    ]);
    expect(result.data!.fundingProcedures[0].champs[2]).toEqual({ label: "Commune du projet", type: "communes", source: "project.commune", required: true });
  });

  it("pre-fills a Fonds vert dossier with the project's data in DS's formats and returns its URL", async () => {
    const before = hub.ds.stats.prefill;
    const result = await hub.query<Prepared>(PREPARE, { projectId, procedure: "FONDS_VERT" }, t.camille);
    expect(result.errors).toBeUndefined();
    const prepared = result.data!.prepareFundingApplication;
    expect(prepared.__typename).toBe("FundingApplicationPrepared");
    expect(prepared.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${hub.ds.port}/commencer/fonds-vert\\?prefill_token=[0-9a-f]{32}$`));
    expect(prepared.application).toMatchObject({ procedure: "FONDS_VERT", status: "PREFILLED", demarcheNumber: 90101, dossierUrl: prepared.url });
    expect(hub.ds.stats.prefill).toBe(before + 1);
    // What DS kept: every value in the exact format it accepts (a wrong format would be dropped).
    expect(hub.ds.store.dossiers.get(prepared.application!.dossierNumber)!.champs).toEqual({
      [id(1011)]: "Rénovation thermique de l’école",
      [id(1012)]: "Isolation et chaudière bois",
      [id(1013)]: ["63000", "63113"],
      [id(1014)]: ["63", "246300701"],
      [id(1015)]: 480000,
      [id(1016)]: "2026-09-01",
      [id(1019)]: projectId,
    });
    const [stored] = await hub.sql<{ prefill_token: string; dossier_number: number }>("funding", "SELECT prefill_token, dossier_number FROM funding_application WHERE project_id = $1", [projectId]);
    expect(stored).toEqual({ prefill_token: prepared.url!.split("=")[1], dossier_number: prepared.application!.dossierNumber });

    const listed = await hub.query<{ project: { fundingApplications: Record<string, unknown>[] } }>(APPLICATIONS, { id: projectId }, t.camille);
    expect(listed.data!.project.fundingApplications).toEqual([
      expect.objectContaining({
        procedure: "FONDS_VERT",
        status: "PREFILLED",
        dossierNumber: prepared.application!.dossierNumber,
        dossierUrl: prepared.url,
        amountRequested: null,
        amountGranted: null,
        submittedAt: null,
      }),
    ]);
  });

  it("refuses a second dossier of the same démarche while one is in progress", async () => {
    const result = await hub.query<Prepared>(PREPARE, { projectId, procedure: "FONDS_VERT" }, t.camille);
    expect(codes(result)).toEqual(["CONFLICT"]);
    expect(result.errors![0].message).toMatch(/^Un dossier Fonds vert \(n° \d+\) est déjà en cours pour ce projet/);
  });

  it("lists what the project lacks, in French, and calls nothing", async () => {
    const bare = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Voie verte", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    const calls = dsCalls();
    const result = await hub.query<Prepared>(PREPARE, { projectId: bare.data!.createProject.id, procedure: "DETR" }, t.camille);
    expect(result.data!.prepareFundingApplication).toEqual({
      __typename: "FundingApplicationIncomplete",
      message: "Le projet ne contient pas encore toutes les informations demandées par la démarche DETR.",
      missing: [
        { champ: "Montant de la dépense subventionnable (€ HT)", message: "Complétez le budget estimé du projet (champ « Montant de la dépense subventionnable (€ HT) »)." },
        { champ: "Date de démarrage de l’opération", message: "Complétez la date de début prévue (champ « Date de démarrage de l’opération »)." },
      ],
    });
    expect(dsCalls()).toBe(calls);
  });

  it.each([
    ["an unknown procedure", () => ({ procedure: "FEDER", who: "camille" }), "BAD_USER_INPUT", "Démarche inconnue : « FEDER ». Démarches disponibles : FONDS_VERT, DETR, DSIL, FNADT."],
    ["a project the viewer may not see (a draft of another collectivité)", () => ({ procedure: "DETR", who: "julien" }), "NOT_FOUND", "Projet introuvable : <project>"],
    [
      "a project that does not exist",
      () => ({ procedure: "DETR", who: "camille", project: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
      "Projet introuvable : 00000000-0000-4000-8000-000000000000",
    ],
    ["an anonymous caller", () => ({ procedure: "DETR", who: null }), "UNAUTHENTICATED", "Authentication required"],
  ])("refuses %s without calling DS", async (_name, args, code, message) => {
    const { procedure, who, project } = args() as { procedure: string; who: string | null; project?: string };
    const calls = dsCalls();
    const result = await hub.query<Prepared>(PREPARE, { projectId: project ?? projectId, procedure }, who ? t[who] : undefined);
    expect(result.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([[code, message.replace("<project>", projectId)]]);
    expect(dsCalls()).toBe(calls);
  });

  it("refuses, without calling DS, a viewer who sees the project but may no longer act on it (an abandoned project)", async () => {
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Halle couverte du marché", description: "Abandonnée faute de terrain", territoryId: "COMMUNE:63113", budgetEuros: 250000, startDate: "2027-03-01" }) { id } }`,
      {},
      t.camille,
    );
    const abandoned = created.data!.createProject.id;
    const step = await hub.query<{ changeProjectStatus: { status: string } }>(
      `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: ABANDON, reason: "Terrain indisponible" }) { status } }`,
      { id: abandoned },
      t.camille,
    );
    expect(step.data!.changeProjectStatus.status).toBe("ABANDONED");
    const calls = dsCalls();
    const result = await hub.query<Prepared>(PREPARE, { projectId: abandoned, procedure: "DETR" }, t.camille);
    expect(result.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(result.errors![0].message).toMatch(/^Seuls les porteurs du projet/);
    expect(dsCalls()).toBe(calls);
    const applications = await hub.query<{ project: { fundingApplications: unknown[] } }>(APPLICATIONS, { id: abandoned }, t.camille);
    expect(applications.data!.project.fundingApplications).toEqual([]);
  });

  it("surfaces in French the message of a démarche refusing a value", async () => {
    const dsil = hub.ds.store.demarche(90103)!;
    dsil.maxAmount = 100000;
    try {
      const result = await hub.query<Prepared>(PREPARE, { projectId, procedure: "DSIL" }, t.camille);
      expect(result.errors!.map((e) => [e.extensions?.code, e.extensions?.reason, e.message])).toEqual([
        ["BAD_USER_INPUT", "DS_REFUSED", "La démarche a refusé le pré-remplissage : Le champ « Coût prévisionnel (€ HT) » doit être inférieur ou égal à 100000"],
      ]);
      expect(await hub.sql("funding", "SELECT 1 FROM funding_application WHERE procedure = 'DSIL'")).toEqual([]);
    } finally {
      delete dsil.maxAmount;
    }
  });

  it("says so when DS is rate-limiting for longer than the client waits", async () => {
    hub.ds.failNext("prefill", { status: 429, headers: { "Retry-After": "120" }, body: "Calm down, cowboy!" });
    const result = await hub.query<Prepared>(PREPARE, { projectId, procedure: "FNADT" }, t.camille);
    expect(result.errors!.map((e) => [e.extensions?.code, e.extensions?.reason, e.message])).toEqual([
      ["UPSTREAM_UNAVAILABLE", "DS_RATE_LIMITED", "Démarches Simplifiées limite le nombre d’appels : réessayez dans 120 s."],
    ]);
  });

  describe("follow-up", () => {
    let dossierNumber: number;
    const events: { id: string; kind: string; summary: string }[] = [];
    let wake: (() => void) | null = null;
    const until = async (predicate: () => boolean) => {
      while (!predicate()) await new Promise<void>((resolve) => (wake = resolve));
    };
    const subscribe = (after: string | null) => {
      const client = createClient({ url: hub.gatewayUrl.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.camille}` }, retryAttempts: 0 });
      client.subscribe<{ projectActivity: { id: string; kind: string; summary: string } }>(
        { query: `subscription($p: ID, $after: String) { projectActivity(projectId: $p, after: $after) { id kind summary } }`, variables: { p: projectId, after } },
        { next: (r) => (r.data && events.push(r.data.projectActivity), wake?.()), error: () => wake?.(), complete: () => undefined },
      );
      return client;
    };
    const refresh = () =>
      hub.query<{ refreshFundingApplications: { procedure: string; status: string; amountRequested: number | null; amountGranted: number | null; submittedAt: string | null }[] }>(
        `mutation($p: ID!) { refreshFundingApplications(projectId: $p) { procedure status amountRequested amountGranted submittedAt } }`,
        { p: projectId },
        t.camille,
      );

    beforeAll(async () => {
      [dossierNumber] = (await hub.sql<{ dossier_number: number }>("funding", "SELECT dossier_number FROM funding_application WHERE procedure = 'FONDS_VERT'")).map((r) => r.dossier_number);
    });

    it("records the preparation on the project's journal (delivered from the outbox) and each change of state live", async () => {
      const client = subscribe("0");
      try {
        await until(() => events.some((e) => e.kind === "FUNDING_APPLICATION"));
        expect(events.filter((e) => e.kind === "FUNDING_APPLICATION").map((e) => e.summary)).toEqual([`Dossier Fonds vert n° ${dossierNumber} pré-rempli sur Démarches Simplifiées`]);
        hub.ds.store.move(dossierNumber, "brouillon");
        expect((await refresh()).data!.refreshFundingApplications).toEqual([{ procedure: "FONDS_VERT", status: "BROUILLON", amountRequested: null, amountGranted: null, submittedAt: null }]);
        hub.ds.store.move(dossierNumber, "en_construction", { requested: 200000 });
        const graphqlCalls = hub.ds.stats.graphql;
        const after = (await refresh()).data!.refreshFundingApplications[0];
        // State from the prefill API; the amount from the API v2 (Fonds vert has a token).
        expect(after).toMatchObject({ status: "EN_CONSTRUCTION", amountRequested: 200000, amountGranted: null });
        expect(after.submittedAt).toBe(hub.ds.store.dossiers.get(dossierNumber)!.submittedAt!.toISOString());
        expect(hub.ds.stats.graphql).toBe(graphqlCalls + 1);
        await until(() => events.filter((e) => e.kind === "FUNDING_APPLICATION").length === 3);
        expect(
          events
            .filter((e) => e.kind === "FUNDING_APPLICATION")
            .map((e) => e.summary)
            .slice(1),
        ).toEqual([`Dossier Fonds vert n° ${dossierNumber} ouvert par la collectivité (brouillon)`, `Dossier Fonds vert n° ${dossierNumber} déposé`]);
        // Nothing new on DS: nothing recorded.
        expect((await refresh()).data!.refreshFundingApplications[0].status).toBe("EN_CONSTRUCTION");
      } finally {
        await client.dispose();
      }
    });

    it("keeps a decision in the outbox while projects is down and delivers it once projects is back", async () => {
      const lastSeen = events[events.length - 1].id;
      await hub.stopProjects();
      hub.ds.store.move(dossierNumber, "en_instruction");
      hub.ds.store.move(dossierNumber, "accepte", { granted: 150000 });
      // The same follow-up the subgraph runs periodically, on its database, against the stand-in.
      const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const dataSource = hub.subgraphs.funding.database.dataSource;
      const outbox = new ActivityOutbox(dataSource, hub.subgraphs.projects.url, DEV_INTERNAL_SECRET, logger);
      const services = {
        procedures: loadProcedures(),
        apiTokens: { FONDS_VERT: DS_API_TOKEN },
        ds: new DemarchesSimplifieesClient({ baseUrl: `http://127.0.0.1:${hub.ds.port}` }),
        projects: new ProjectGate(hub.subgraphs.projects.url, DEV_INTERNAL_SECRET),
        outbox,
        logger,
      };
      expect(await new DsSync(dataSource, services, logger).syncAll()).toEqual({ changed: 1, failed: [] });
      const pendingRows = () => hub.sql<{ summary: string; attempts: number; last_error: string }>("funding", "SELECT summary, attempts, last_error FROM activity_outbox WHERE delivered_at IS NULL");
      // Attempted by this outbox or by the subgraph's own (whichever claims the row first): it fails, and stays.
      while ((await pendingRows())[0]?.attempts === 0) expect(await outbox.kick()).toBe(0);
      const pending = await pendingRows();
      expect(pending).toEqual([
        {
          summary: `Dossier Fonds vert n° ${dossierNumber} accepté (montant accordé : ${(150000).toLocaleString("fr-FR")} €)`,
          attempts: expect.any(Number) as unknown,
          last_error: expect.stringContaining("unreachable") as unknown,
        },
      ]);
      expect(pending[0].attempts).toBeGreaterThanOrEqual(1);

      await hub.startProjects();
      const client = subscribe(lastSeen);
      try {
        // The subgraph's own outbox retries on its own (backoff), and the subscriber resuming after its last id gets it.
        await until(() => events.some((e) => e.summary.includes("accepté")));
        expect(
          events
            .filter((e) => e.kind === "FUNDING_APPLICATION")
            .map((e) => e.summary)
            .slice(3),
        ).toEqual([`Dossier Fonds vert n° ${dossierNumber} accepté (montant accordé : ${(150000).toLocaleString("fr-FR")} €)`]);
      } finally {
        await client.dispose();
      }
      const listed = await hub.query<{ project: { fundingApplications: Record<string, unknown>[] } }>(APPLICATIONS, { id: projectId }, t.camille);
      expect(listed.data!.project.fundingApplications[0]).toMatchObject({ status: "ACCEPTE", amountRequested: 200000, amountGranted: 150000, processedAt: expect.any(String) as unknown });
    });
  });
});
