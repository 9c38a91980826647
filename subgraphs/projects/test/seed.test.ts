import { NADIA, startHub, type Hub } from "@hub/testing";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const ROOT = join(__dirname, "..", "..", "..");

describe("npm run seed: a national portfolio with its journal", () => {
  let hub: Hub;
  let seed: (...args: string[]) => Promise<{ stdout: string }>;
  beforeAll(async () => {
    hub = await startHub();
    const url = (hub.subgraphs.projects.database.dataSource.options as { url: string }).url;
    seed = (...args) => promisify(execFile)(process.execPath, [join(ROOT, "scripts", "seed.mjs"), ...args], { env: { ...process.env, PROJECTS_DATABASE_URL: url } });
  });
  afterAll(() => hub.stop());

  it("writes the projects asked for, each with its history, and only the missing ones on a second run", async () => {
    expect((await seed("--projects", "40")).stdout).toMatch(/: 0 seeded projects were there, 40 added with \d+ activities in [\d.]+ s/);
    expect((await seed("--projects", "50")).stdout).toMatch(/: 40 seeded projects were there, 10 added with \d+ activities/);
    const [counts] = await hub.sql<{ projects: number; created: number; without_crte: number; min_activities: number }>(
      "projects",
      `SELECT count(*)::int AS projects,
              (SELECT count(*)::int FROM activity WHERE kind = 'PROJECT_CREATED') AS created,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM unnest(territory_ids) t WHERE t LIKE 'CRTE:%'))::int AS without_crte,
              (SELECT min(n)::int FROM (SELECT count(*) AS n FROM activity GROUP BY project_id) per) AS min_activities
         FROM project WHERE external_source = 'seed'`,
    );
    expect(counts).toEqual({ projects: 50, created: 50, without_crte: 0, min_activities: 1 });
  });

  it("serves the seeded journal through the gateway, funding applications with their amounts included", async () => {
    const nadia = await hub.token(NADIA);
    const response = await hub.query<{ activities: { edges: { node: { kind: string; summary: string; project: { status: string } } }[] } }>(
      `{ activities(first: 3, filter: { kinds: [FUNDING_APPLICATION] }) { edges { node { kind summary project { status } } } } }`,
      {},
      nadia,
    );
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.activities.edges.map((e) => e.node);
    expect(nodes.length).toBe(3);
    for (const node of nodes) {
      expect([node.kind, /^Dossier (DETR|DSIL|Fonds vert) n° \d+ /.test(node.summary), ["ASSIGNED", "IN_PROGRESS", "COMPLETED", "ABANDONED"].includes(node.project.status)]).toEqual([
        "FUNDING_APPLICATION",
        true,
        true,
      ]);
    }
  });
});
