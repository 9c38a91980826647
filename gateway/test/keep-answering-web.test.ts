import { readGatewayConfig } from "@hub/gateway";
import { CAMILLE, JULIEN, startHub, type GraphQLResponse, type Hub, type SubgraphName } from "@hub/testing";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The web app's own operations that read projects (from the manifest its build writes,
 * web/dist/persisted-operations.json), run with each subgraph in turn stopped, then frozen: the
 * answer keeps every other subgraph's data, the failed subgraph's fields are null with errors
 * naming it, and once it is back the same operation answers in full again.
 */

/** The gateway's timeout in this file: a frozen subgraph costs about this long. */
const TIMEOUT_MS = 5000;
const SUBGRAPHS: SubgraphName[] = ["people-territories", "funding", "reporting", "projects"];
/**
 * Which operations each failure reaches, and the fields it costs them (where the null stops:
 * references to another subgraph's entities, fields another subgraph adds). With projects down
 * the root fields fail, and every operation with them.
 */
const REACHED: Record<Exclude<SubgraphName, "projects">, { operations: string[]; fields: string[] }> = {
  "people-territories": {
    operations: ["Inbox", "ProjectBoard", "ProjectFiche", "ProjectList", "ProjectMap", "ProjectPick"],
    fields: ["territory", "territories", "owner", "actors", "departement", "actor", "author", "createdBy", "person", "uploadedBy"],
  },
  funding: { operations: ["ProjectFunding", "ProjectSuggestions"], fields: ["fundingOpportunities", "fundingApplications", "fundingProcedures", "suggestedResources", "discardedSuggestions"] },
  // The web app's operations on projects show no statistics (Territory.stats: see keep-answering.test.ts).
  reporting: { operations: [], fields: ["stats"] },
};
/** Root fields that read projects. */
const PROJECT_ROOTS = new Set(["project", "projects", "inbox", "projectBoard", "projectMap"]);

interface Ids {
  projectId: string;
}
/** Each operation's variables (an operation that reads projects and is not listed here fails the test: add it). */
const VARIABLES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  Inbox: () => ({ first: 20 }),
  ProjectBoard: () => ({ territoryId: "DEPARTEMENT:63", cards: 10 }),
  ProjectComments: ({ projectId }) => ({ id: projectId }),
  ProjectFiche: ({ projectId }) => ({ id: projectId }),
  ProjectFunding: ({ projectId }) => ({ id: projectId, kind: null }),
  ProjectList: () => ({ first: 20 }),
  ProjectMap: () => ({ filter: {} }),
  ProjectPick: () => ({ search: "école" }),
  ProjectQuestionnaires: ({ projectId }) => ({ projectId }),
  ProjectRecommendations: ({ projectId }) => ({ projectId }),
  ProjectRecommendRight: ({ projectId }) => ({ projectId }),
  ProjectSuggestions: ({ projectId }) => ({ projectId }),
};

interface Operation {
  name: string;
  body: string;
}

/** The web app's queries whose root fields read projects. */
function webProjectOperations(): Operation[] {
  const manifestPath = join(readGatewayConfig({ HUB_MODE: "test" }).webDist, "persisted-operations.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { operations: { name: string; type: string; body: string }[] };
  return manifest.operations.filter((operation) => {
    if (operation.type !== "query") return false;
    const definition = parse(operation.body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return definition?.selectionSet.selections.some((s) => s.kind === Kind.FIELD && PROJECT_ROOTS.has(s.name.value)) ?? false;
  });
}

/**
 * The paths where `partial` holds null and `full` a value; throws where they differ otherwise
 * (a value changed, a list shortened): a failure may cost values, never change them.
 */
function lostPaths(full: unknown, partial: unknown, path: string[] = []): string[] {
  if (partial === null && full !== null) return [path.join(".")];
  if (Array.isArray(full) && Array.isArray(partial) && full.length === partial.length) return full.flatMap((item, i) => lostPaths(item, partial[i], [...path, String(i)]));
  if (isRecord(full) && isRecord(partial)) {
    const keys = Object.keys(full);
    if (keys.length === Object.keys(partial).length) return keys.flatMap((key) => lostPaths(full[key], partial[key], [...path, key]));
  }
  if (JSON.stringify(full) !== JSON.stringify(partial)) throw new Error(`${path.join(".")} changed: ${JSON.stringify(full)} became ${JSON.stringify(partial)}`);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

describe("the web app's operations on projects keep answering when a subgraph fails", () => {
  const operations = webProjectOperations();
  let hub: Hub;
  let token: string;
  let ids: Ids;
  const full = new Map<string, GraphQLResponse>();

  const run = (operation: Operation) => hub.query(operation.body, VARIABLES[operation.name](ids), token);
  const runAll = () => Promise.all(operations.map(async (operation) => ({ operation, response: await run(operation) })));

  beforeAll(async () => {
    // No circuit breaker here (its own tests cover it): each request meets the fault itself.
    hub = await startHub({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), SUBGRAPH_CIRCUIT_FAILURES: "1000" } });
    const camille = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation Create($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { title: "Rénovation de l'école Jules-Ferry", territoryId: "COMMUNE:63113", communeIds: ["COMMUNE:63014"], themes: ["energies-dechets"], description: "Économies d'énergie." } },
      camille,
    );
    expect(created.errors).toBeUndefined();
    ids = { projectId: created.data!.createProject.id };
    const submitted = await hub.query(`mutation Submit($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId: ids.projectId, transition: "SUBMIT" } }, camille);
    expect(submitted.errors).toBeUndefined();
    await hub.reportingCaughtUp();
    token = await hub.token(JULIEN);
    for (const { operation, response } of await runAll()) {
      expect({ operation: operation.name, errors: response.errors }).toEqual({ operation: operation.name, errors: undefined });
      full.set(operation.name, response);
    }
  });
  afterAll(() => hub.stop());

  it("covers the web app's operations on projects, each with its variables", () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(operations.map((o) => o.name).filter((name) => !(name in VARIABLES))).toEqual([]);
    // The federated ones: a project's territory and porteur, the board's, the map's départements.
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(["ProjectList", "ProjectFiche", "Inbox", "ProjectBoard", "ProjectMap", "ProjectFunding"]));
  });

  describe.each(SUBGRAPHS)("%s", (subgraph) => {
    it.each(["stopped", "frozen"] as const)(`%s: the other subgraphs' data, ${subgraph}'s fields null with errors naming it; complete again once back`, async (fault) => {
      await (fault === "stopped" ? hub.stopSubgraph(subgraph) : hub.freezeSubgraph(subgraph));
      const started = performance.now();
      const answers = await runAll();
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 5000);
      const reached: string[] = [];
      for (const { operation, response } of answers) {
        const expected = full.get(operation.name)!;
        const context = { operation: operation.name, errors: response.errors };
        if (!response.errors) {
          // An operation that does not reach this subgraph answers as before.
          expect({ ...context, data: response.data }).toEqual({ ...context, data: expected.data });
          continue;
        }
        reached.push(operation.name);
        // Every error has a code; those of an unavailable subgraph name this one, and one at least does.
        expect({ ...context, withoutCode: response.errors.filter((e) => typeof e.extensions?.code !== "string") }).toEqual({ ...context, withoutCode: [] });
        const unavailable = response.errors.filter((e) => e.extensions?.code === "UPSTREAM_UNAVAILABLE");
        expect({ ...context, services: [...new Set(unavailable.map((e) => e.extensions?.serviceName))] }).toEqual({ ...context, services: [subgraph] });
        if (subgraph === "projects") {
          // The root fields are projects' own: with it down there is nothing of the others to keep.
          expect({ ...context, data: response.data ?? null }).toEqual({ ...context, data: null });
          continue;
        }
        expect({ ...context, data: response.data === null || response.data === undefined ? "null" : "kept" }).toEqual({ ...context, data: "kept" });
        // Only values were lost (the other subgraphs' data is the same), each where a field of this subgraph starts.
        const lost = lostPaths(expected.data, response.data).map((path) => path.split(".").at(-1));
        expect(lost.length).toBeGreaterThan(0);
        expect({ ...context, lost: lost.filter((field) => !REACHED[subgraph].fields.includes(field ?? "")) }).toEqual({ ...context, lost: [] });
      }
      expect(reached.sort()).toEqual(subgraph === "projects" ? operations.map((o) => o.name).sort() : REACHED[subgraph].operations);

      await hub.startSubgraph(subgraph);
      for (const { operation, response } of await runAll()) {
        const expected = full.get(operation.name)!;
        expect({ operation: operation.name, errors: response.errors, data: response.data }).toEqual({ operation: operation.name, errors: undefined, data: expected.data });
      }
    });
  });
});
