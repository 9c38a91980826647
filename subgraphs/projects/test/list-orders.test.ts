import { randomUUID } from "node:crypto";
import { projectTerritoryAncestry } from "@hub/reference";
import { codes, NADIA, startHub, type GraphQLResponse, type Hub } from "@hub/testing";

/**
 * `projects(orderBy:, filter: { created, updated, submitted }, updatedSince:)` and `totalCount`,
 * through the gateway, on projects written in SQL with ties on every sort value: paging through
 * each order gives every project once, in the order SQL gives for the same rows.
 */
describe("projects: orders, date ranges, totalCount, updatedSince", () => {
  let hub: Hub;
  let nadia: string;
  const ids: string[] = [];
  const TAG = `ordre-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    hub = await startHub();
    nadia = await hub.token(NADIA);
    // 24 projects: 3 instants of creation (8 projects each: ties), submission on 2 of 3, 4 priorities, 5 titles.
    const rows = Array.from({ length: 24 }, (_, i) => ({
      id: randomUUID(),
      title: `Projet ${"ABCDE"[i % 5]}`,
      created: `2026-0${1 + (i % 3)}-10T08:00:00.123456Z`,
      updated: `2026-0${4 + (i % 4)}-01T12:00:00.000001Z`,
      submitted: i % 3 === 2 ? null : `2026-03-0${1 + (i % 2)}T09:00:00Z`,
      priority: [null, "HIGH", "NORMAL", "LOW"][i % 4],
    }));
    ids.push(...rows.map((r) => r.id));
    await hub.sql(
      "projects",
      `INSERT INTO project (id, title, status, territory_id, territory_ids, owner_id, programmes, created_at, updated_at, submitted_at, priority)
       SELECT r.id, r.title, 'SUBMITTED', 'COMMUNE:63113', $2::text[], 'COLLECTIVITE:216301135', ARRAY[$3], r.created::timestamptz, r.updated::timestamptz, r.submitted::timestamptz, r.priority
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, title text, created text, updated text, submitted text, priority text)`,
      [JSON.stringify(rows), projectTerritoryAncestry("COMMUNE:63113"), TAG],
    );
  });
  afterAll(() => hub.stop());

  const PAGE = `query ($first: Int, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrderInput, $updatedSince: DateTimeISO) {
    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy, updatedSince: $updatedSince) {
      totalCount edges { node { id updatedAt } } pageInfo { hasNextPage endCursor }
    }
  }`;
  type Page = { projects: { totalCount: number; edges: { node: { id: string; updatedAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

  /** Every page of a list, `first` at a time. */
  async function readAll(variables: Record<string, unknown>, first = 5): Promise<{ ids: string[]; totalCounts: number[] }> {
    const seen: string[] = [];
    const totalCounts: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const response: GraphQLResponse<Page> = await hub.query<Page>(PAGE, { ...variables, first, after }, nadia);
      expect(response.errors).toBeUndefined();
      const page = response.data!.projects;
      seen.push(...page.edges.map((e) => e.node.id));
      totalCounts.push(page.totalCount);
      if (!page.pageInfo.hasNextPage) return { ids: seen, totalCounts };
      after = page.pageInfo.endCursor;
    }
    throw new Error("paging did not end");
  }

  const SQL_ORDERS: Record<string, string> = {
    CREATED: "created_at",
    UPDATED: "updated_at",
    SUBMITTED: "COALESCE(submitted_at, CASE WHEN $2 = 'DESC' THEN '-infinity'::timestamptz ELSE 'infinity'::timestamptz END)",
    PRIORITY: "CASE priority WHEN 'HIGH' THEN 3 WHEN 'NORMAL' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END",
    TITLE: "title",
  };

  it.each(Object.keys(SQL_ORDERS).flatMap((field) => ["ASC", "DESC"].map((direction) => [field, direction])))("orderBy %s %s: every project once, ties broken by id", async (field, direction) => {
    const expected = await hub.sql<{ id: string }>(
      "projects",
      `SELECT id FROM project WHERE programmes @> ARRAY[$1] ORDER BY ${SQL_ORDERS[field]} ${direction}, id ${direction}`,
      field === "SUBMITTED" ? [TAG, direction] : [TAG],
    );
    const { ids: seen, totalCounts } = await readAll({ filter: { programme: TAG }, orderBy: { field, direction } });
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(new Set(totalCounts)).toEqual(new Set([24]));
  });

  it("without orderBy: newest first (CREATED DESC), the same as asking for it", async () => {
    const byDefault = await readAll({ filter: { programme: TAG } }, 7);
    const asked = await readAll({ filter: { programme: TAG }, orderBy: { field: "CREATED" } }, 7);
    expect(byDefault.ids).toEqual(asked.ids);
    expect(byDefault.ids).toHaveLength(24);
  });

  it("date ranges: from included, to excluded, on created, updated and submitted", async () => {
    const filter = {
      programme: TAG,
      created: { from: "2026-02-10T08:00:00.123456Z" },
      submitted: { to: "2026-03-02T09:00:00Z" },
      updated: { from: "2026-04-01T00:00:00Z", to: "2026-07-01T00:00:00Z" },
    };
    const expected = await hub.sql<{ id: string }>(
      "projects",
      `SELECT id FROM project WHERE programmes @> ARRAY[$1] AND created_at >= '2026-02-10T08:00:00.123456Z' AND submitted_at < '2026-03-02T09:00:00Z'
          AND updated_at >= '2026-04-01' AND updated_at < '2026-07-01' ORDER BY created_at DESC, id DESC`,
      [TAG],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(24);
    const { ids: seen, totalCounts } = await readAll({ filter }, 3);
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(totalCounts[0]).toBe(expected.length);
  });

  it("totalCount of a first page holding the whole list, and of an empty list", async () => {
    const all = await hub.query<Page>(PAGE, { filter: { programme: TAG }, first: 100 }, nadia);
    expect(all.data!.projects.totalCount).toBe(24);
    expect(all.data!.projects.edges).toHaveLength(24);
    const none = await hub.query<Page>(PAGE, { filter: { programme: `${TAG}-aucun` } }, nadia);
    expect(none.data!.projects).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("bad values are BAD_USER_INPUT (or refused by validation), never a crash", async () => {
    const ask = (variables: Record<string, unknown>) => hub.query(PAGE, variables, nadia).then(codes);
    expect(await ask({ filter: { created: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ filter: { updated: { from: "2026-02-01T00:00:00Z", to: "2026-02-01T00:00:00Z" } } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ updatedSince: "2026-01-01T00:00:00Z", orderBy: { field: "TITLE" } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ updatedSince: "2026-01-01T00:00:00Z", filter: { updated: { from: "2026-01-01T00:00:00Z" } } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ orderBy: { field: "BUDGET" } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ filter: { created: { from: "hier" } } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ updatedSince: "2026-13-45" })).toEqual(["BAD_USER_INPUT"]);
    // The same values written in the operation: refused by the gateway, which reads the subgraphs' DateTimeISO (scalar-literals.rule.ts).
    for (const args of [`filter: { created: { from: "hier" } }`, `updatedSince: "2026-13-45"`]) {
      const response = await hub.query(`{ projects(first: 2, ${args}) { totalCount } }`, {}, nadia);
      expect([args, codes(response), response.errors?.[0].message]).toEqual([args, ["BAD_USER_INPUT"], expect.stringMatching(/^DateTimeISO: /)]);
    }
    const valid = await hub.query<{ projects: { totalCount: number } }>(`{ projects(first: 2, filter: { programme: "${TAG}", created: { from: "2026-01-01T00:00:00Z" } }) { totalCount } }`, {}, nadia);
    expect([valid.errors, valid.data?.projects.totalCount]).toEqual([undefined, 24]);
    // A cursor read in one order, given with another: refused, not silently skipping rows.
    const first = await hub.query<Page>(PAGE, { filter: { programme: TAG }, first: 2, orderBy: { field: "TITLE" } }, nadia);
    const cursor = first.data!.projects.pageInfo.endCursor;
    expect(await ask({ filter: { programme: TAG }, after: cursor, orderBy: { field: "PRIORITY" } })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ filter: { programme: TAG }, after: cursor })).toEqual(["BAD_USER_INPUT"]);
    expect(await ask({ after: "bm90IGEgY3Vyc29y" })).toEqual(["BAD_USER_INPUT"]);
  });

  it("updatedSince: a programme paging through sees every project changed since, and a project changed while it pages again, after its cursor", async () => {
    const since = "2026-05-01T00:00:00Z";
    const inRange = await hub.sql<{ id: string }>("projects", `SELECT id FROM project WHERE programmes @> ARRAY[$1] AND updated_at >= $2`, [TAG, since]);
    const pages: string[][] = [];
    let after: string | null = null;
    let changed: string[] = [];
    for (let guard = 0; guard < 50; guard++) {
      const response: GraphQLResponse<Page> = await hub.query<Page>(PAGE, { filter: { programme: TAG }, updatedSince: since, first: 4, after }, nadia);
      expect(response.errors).toBeUndefined();
      const page = response.data!.projects;
      pages.push(page.edges.map((e) => e.node.id));
      if (pages.length === 2) {
        // Between pages: one project already read and one not yet read change (each appends to the journal).
        const readBefore = pages[0][0];
        const notYetRead = inRange.map((r) => r.id).find((id) => !pages.flat().includes(id))!;
        changed = [readBefore, notYetRead];
        for (const id of changed) {
          const { data } = await hub.query<{ project: { version: number } }>(`query ($id: ID!) { project(id: $id) { version } }`, { id }, nadia);
          const update = await hub.query(
            `mutation ($id: ID!, $version: Int!) { updateProject(id: $id, version: $version, input: { description: "Mis à jour pendant la synchronisation" }) { id } }`,
            { id, version: data!.project.version },
            nadia,
          );
          expect(update.errors).toBeUndefined();
        }
      }
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    const seen = pages.flat();
    // Nothing missed: every project updated since is there.
    expect(new Set(seen)).toEqual(new Set(inRange.map((r) => r.id)));
    // The project read before its change comes again, after: once for each version, never twice the same.
    expect(seen.filter((id) => id === changed[0])).toHaveLength(2);
    expect(seen.filter((id) => id === changed[1])).toHaveLength(1);
    // Both changes come after the two pages read before them, in the order they were made.
    const readBeforeChanges = pages[0].length + pages[1].length;
    expect(seen.lastIndexOf(changed[0])).toBeGreaterThanOrEqual(readBeforeChanges);
    expect(seen.indexOf(changed[1])).toBeGreaterThan(seen.lastIndexOf(changed[0]));
    expect(seen.length).toBe(inRange.length + 1);
    // The last cursor, kept for the next run, gives only what changes after it.
    const next = await hub.query<Page>(PAGE, { filter: { programme: TAG }, updatedSince: since, after }, nadia);
    expect(next.data!.projects.edges).toEqual([]);
  });

  it("totalCount of the connections of a territory, a project's conversation and journal, beyond their first page", async () => {
    const [talked, quiet] = [ids[3], ids[4]];
    for (const body of ["Premier message", "Deuxième message", "Troisième message"]) {
      const added = await hub.query(`mutation ($id: ID!, $body: String!) { addComment(projectId: $id, body: $body) { id } }`, { id: talked, body }, nadia);
      expect(added.errors).toBeUndefined();
    }
    const response = await hub.query<{
      territory: { projects: { totalCount: number; edges: unknown[] } };
      talked: { comments: { totalCount: number; edges: unknown[] }; activity: { totalCount: number } };
      quiet: { comments: { totalCount: number }; activity: { totalCount: number } };
    }>(
      `query ($tag: String!, $talked: ID!, $quiet: ID!) {
        territory(id: "COMMUNE:63113") { projects(filter: { programme: $tag }, first: 1) { totalCount edges { cursor } } }
        talked: project(id: $talked) { comments(first: 1) { totalCount edges { cursor } } activity(first: 1) { totalCount } }
        quiet: project(id: $quiet) { comments(first: 1) { totalCount } activity(first: 1) { totalCount } }
      }`,
      { tag: TAG, talked, quiet },
      nadia,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.territory.projects).toMatchObject({ totalCount: 24, edges: [expect.anything()] });
    const journal = await hub.sql<{ n: number }>("projects", `SELECT count(*)::int AS n FROM activity WHERE project_id = $1`, [talked]);
    expect(journal[0].n).toBeGreaterThanOrEqual(3);
    expect(response.data!.talked).toEqual({ comments: { totalCount: 3, edges: [expect.anything()] }, activity: { totalCount: journal[0].n } });
    expect(response.data!.quiet).toEqual({ comments: { totalCount: 0 }, activity: { totalCount: 0 } });
  });
});
