import { randomUUID } from "node:crypto";
import { ANONYMOUS, DEV_INTERNAL_SECRET, INTERNAL_TOKEN_HEADER, SERVICE_VIEWER, signInternalToken, type Viewer } from "@hub/kit";
import { projectTerritoryAncestry } from "@hub/reference";
import { startHub, type Hub } from "@hub/testing";
import { LISTED_FIELDS } from "../src/rules/project-columns";

/**
 * `projects` and `inbox` read only the columns the fields selected on their nodes need
 * (`src/rules/project-columns.ts`). For each field listed there, a list asking for that field
 * alone must answer as a list that reads every column (one asking for an unlisted field too),
 * on projects with every optional column set and with none, and page the same way.
 */
describe("lists of projects read the columns their fields need", () => {
  let hub: Hub;
  const TAG = `colonnes-${randomUUID().slice(0, 8)}`;
  const NATIONAL: Viewer = { ...ANONYMOUS, personId: randomUUID(), organizationId: "ANCT", roles: ["ANCT_NATIONAL"] };

  /** The subgraph's own answer (createdById is @inaccessible at the gateway). */
  const subgraph = async <T>(viewer: Viewer, query: string): Promise<T> => {
    const response = await fetch(hub.subgraphs.projects.url, {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, DEV_INTERNAL_SECRET) },
      body: JSON.stringify({ query, variables: { tag: TAG } }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };

  /** How a field is selected: with its subfields for objects. */
  const SELECTION: Record<string, string> = {
    territory: "territory { id }",
    territories: "territories { id }",
    owner: "owner { id }",
    diagnostic: "diagnostic { needs blockers partners financingPlan { source amountEuros secured } calendar maturity }",
  };
  const selectionOf = (field: string) => SELECTION[field] ?? field;
  /** An unlisted field: the list then reads every column. */
  const EVERY_COLUMN = "viewerCan { edit }";

  beforeAll(async () => {
    hub = await startHub();
    const ancestry = projectTerritoryAncestry("COMMUNE:63113");
    await hub.sql(
      "projects",
      `INSERT INTO project (id, title, status, territory_id, territory_ids, owner_id, programmes, created_at, submitted_at, priority)
       SELECT gen_random_uuid(), 'Projet ' || n, CASE WHEN n % 2 = 0 THEN 'SUBMITTED' ELSE 'QUALIFIED' END, 'COMMUNE:63113', $2::text[], 'COLLECTIVITE:216301135', ARRAY[$1],
              '2026-01-01T00:00:00Z'::timestamptz + n * interval '1 hour', CASE WHEN n % 3 = 0 THEN NULL ELSE '2026-02-01T00:00:00Z'::timestamptz + n * interval '1 day' END,
              (ARRAY[NULL, 'HIGH', 'NORMAL', 'LOW'])[1 + n % 4]
         FROM generate_series(1, 7) AS n`,
      [TAG, ancestry],
    );
    await hub.sql(
      "projects",
      `UPDATE project SET description = 'Une école neuve', budget_euros = 1234567890123, start_date = '2027-02-01', end_date = '2028-12-31', themes = ARRAY['eau'], phase = 'ETUDE',
              other_commune_ids = ARRAY['COMMUNE:63014'], created_by_id = gen_random_uuid(), blocked_reason = 'En attente du PLU', status_reason = 'Renvoyé',
              external_source = 'crte-2026', external_id = 'X-1', diagnostic = '{"needs": "Une école", "partners": ["Région"], "financingPlan": [{"source": "État", "amountEuros": 1000.5, "secured": true}]}'
        WHERE id = (SELECT id FROM project WHERE $1 = ANY(programmes) ORDER BY created_at LIMIT 1)`,
      [TAG],
    );
  });
  afterAll(() => hub.stop());

  type Page = { edges: { cursor: string; node: Record<string, unknown> }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
  const projects = async (fields: string, first = 10, after: string | null = null, orderBy = "CREATED") =>
    (
      await subgraph<{ projects: Page }>(
        SERVICE_VIEWER,
        `query($tag: String!) { projects(first: ${first}, after: ${JSON.stringify(after)}, filter: { programme: $tag }, orderBy: { field: ${orderBy} }) { edges { cursor node { ${fields} } } pageInfo { endCursor hasNextPage } } }`,
      )
    ).projects;

  it("answers each listed field alone as when it reads every column", async () => {
    const fields = LISTED_FIELDS.filter((field) => field !== "__typename");
    expect(fields.length).toBeGreaterThan(20);
    const full = await projects(`${fields.map(selectionOf).join(" ")} __typename ${EVERY_COLUMN}`);
    expect(full.edges).toHaveLength(7);
    expect(full.edges[0].node).toMatchObject({ description: "", budgetEuros: null });
    expect(full.edges[6].node).toMatchObject({ description: "Une école neuve", budgetEuros: 1234567890123, territories: [{ id: "COMMUNE:63113" }, { id: "COMMUNE:63014" }] });
    for (const field of [...fields, "__typename"]) {
      const alone = await projects(selectionOf(field));
      expect({ field, edges: alone.edges }).toEqual({ field, edges: full.edges.map(({ cursor, node }) => ({ cursor, node: { [field]: node[field] } })) });
    }
  });

  it("selects those columns only: none but the key's and the fields' (every column for an unlisted field)", async () => {
    const statements: string[] = [];
    const { subscribers } = hub.subgraphs.projects.database.dataSource;
    const listener = { afterQuery: (event: { query: string }) => void statements.push(event.query) };
    subscribers.push(listener);
    const listStatement = async (fields: string) => {
      statements.length = 0;
      await projects(fields);
      const [list] = statements.filter((text) => text.includes("FROM project p") && !text.includes("count(*)"));
      return [...list.matchAll(/AS "(\w+)"/g)].map((match) => match[1]).sort();
    };
    expect(await listStatement("title territory { id }")).toEqual(["_orderKey", "id", "territoryId", "title"]);
    expect(await listStatement(`title ${EVERY_COLUMN}`)).toHaveLength(28);
    subscribers.splice(subscribers.indexOf(listener), 1);
  });

  it("follows fragments and aliases", async () => {
    const direct = await projects("id title status territory { id }");
    const fragments = await subgraph<{ projects: Page }>(
      SERVICE_VIEWER,
      `query($tag: String!) { projects(first: 10, filter: { programme: $tag }) { edges { cursor node { ...F t: title ... on Project { territory { id } } } } pageInfo { endCursor hasNextPage } } }
       fragment F on Project { id status }`,
    );
    expect(fragments.projects.edges.map(({ cursor, node }) => ({ cursor, node: { id: node.id, title: node.t, status: node.status, territory: node.territory } }))).toEqual(direct.edges);
  });

  it("pages the same with its keys' columns only, in every order and in the inbox", async () => {
    const walk = async (read: (after: string | null) => Promise<Page>) => {
      const seen: unknown[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Page = await read(after);
        seen.push(...page.edges.map((e) => [e.cursor, e.node.id]));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return seen;
    };
    for (const order of ["CREATED", "UPDATED", "SUBMITTED", "PRIORITY", "TITLE"]) {
      const ids = await walk((after) => projects("id", 2, after, order));
      expect(ids).toHaveLength(7);
      expect({ order, ids }).toEqual({ order, ids: await walk((after) => projects(`id ${EVERY_COLUMN}`, 2, after, order)) });
    }
    const inbox = (fields: string) => (after: string | null) =>
      subgraph<{ inbox: Page }>(
        NATIONAL,
        `query($tag: String!) { inbox(first: 2, after: ${JSON.stringify(after)}, filter: { programme: $tag }) { edges { cursor node { ${fields} } } pageInfo { endCursor hasNextPage } } }`,
      ).then((data) => data.inbox);
    const inboxIds = await walk(inbox("id"));
    expect(inboxIds).toHaveLength(7);
    expect(inboxIds).toEqual(await walk(inbox(`id ${EVERY_COLUMN}`)));
    // Its count over every page (a page of 2 does not hold them all: counted in SQL).
    const counted = await subgraph<{ inbox: { totalCount: number } }>(NATIONAL, `query($tag: String!) { inbox(first: 2, filter: { programme: $tag }) { totalCount } }`);
    expect(counted.inbox.totalCount).toBe(7);
  });
});
