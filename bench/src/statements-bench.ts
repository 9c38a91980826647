// The "statements" benchmark: how many SQL statements people-territories sends for one page of
// communes with their EPCI, département and région, for several page sizes. With DataLoaders
// the count is the same whatever the page size; an N+1 would make it grow with the page.
// The subgraph runs in this process (its statement counter is readable), on the bench database.
import { DEV_INTERNAL_SECRET, listen, SERVICE_VIEWER, withDatabase, type RunningServer, type StatementCounter } from "@hub/kit";
import { createPeopleTerritoriesServer } from "@hub/people-territories";
import { performance } from "node:perf_hooks";
import { percentile } from "./load";
import { table, type BenchOutcome } from "./report";
import { graphqlOnce, internalHeaders } from "./scenarios";

export const PAGE_SIZES = [10, 50, 100];
/** Measured requests per page size (after one unmeasured request per size). */
const REPEATS = 5;
const PAGE_QUERY = `query($n: Int!) { territories(kind: COMMUNE, first: $n) { edges { node { id name epcis { name } departement { name } region { name } } } } }`;

interface Node {
  id: string;
  epcis?: { name: string }[];
  departement?: { name: string } | null;
  region?: { name: string } | null;
}

/** Starts people-territories on `database` (importing the map if needed), sends the page query for each size, stops it. */
export async function runStatementsBench(serverUrl: string, database: string, timeoutMs: number): Promise<BenchOutcome> {
  const failures: string[] = [];
  let t0 = performance.now();
  const app = await createPeopleTerritoriesServer(
    {
      mode: "test",
      internalTokenSecret: DEV_INTERNAL_SECRET,
      host: "127.0.0.1",
      port: 0,
      databaseUrl: withDatabase(serverUrl, database),
      // Notifications off: no projects subgraph here, and the statements counted are the page's only.
      notifyPollMs: 0,
      smtpUrl: undefined,
      mailFrom: "bench <bench@hub.local>",
      publicUrl: "http://localhost:4000",
      projectsUrl: "http://127.0.0.1:4001/graphql",
      digestHour: 6,
    },
    true,
  );
  let server: RunningServer | undefined;
  try {
    server = await listen(app, 0);
    const startMs = performance.now() - t0;
    console.log(
      `people-territories started in this process on ${server.url} in ${startMs.toFixed(0)} ms (database ${database}; start-up includes the subgraph's own map check, a re-import that changes nothing when the import benchmark ran first)`,
    );
    if (!app.database) throw new Error("people-territories exposes no database to count its statements");
    const counter = app.database.statements;
    const headers = internalHeaders(SERVICE_VIEWER, DEV_INTERNAL_SECRET);
    const url = server.url;

    /** Statements and time of one request; checks its answer. */
    const measure = async (n: number, capture?: string[]) => {
      const restore = capture ? captureStatements(counter, capture) : () => {};
      const before = counter.count;
      t0 = performance.now();
      try {
        const data = (await graphqlOnce(url, headers(), PAGE_QUERY, { n }, timeoutMs)) as { territories: { edges: { node: Node }[] } };
        const problem = inspectPage(data, n);
        if (problem) throw new Error(`page of ${n}: ${problem}`);
      } finally {
        restore();
      }
      return { statements: counter.count - before, ms: performance.now() - t0 };
    };

    for (const n of PAGE_SIZES) await measure(n);
    const perSize = PAGE_SIZES.map((n) => ({ n, statements: [] as number[], ms: [] as number[] }));
    for (let round = 0; round < REPEATS; round++) {
      for (const size of perSize) {
        const { statements, ms } = await measure(size.n);
        size.statements.push(statements);
        size.ms.push(ms);
      }
    }
    const sql: string[] = [];
    await measure(PAGE_SIZES[PAGE_SIZES.length - 1], sql);

    const rows = perSize.map(({ n, statements, ms }) => {
      return {
        pageSize: n,
        statements: [...new Set(statements)],
        medianMs: percentile(
          [...ms].sort((a, b) => a - b),
          50,
        ),
      };
    });
    for (const row of rows) if (row.statements.length > 1) failures.push(`page of ${row.pageSize}: the statement count varies between identical requests (${row.statements.join(", ")})`);
    const distinct = new Set(rows.flatMap((row) => row.statements));
    if (distinct.size > 1) failures.push(`statements per request differ between page sizes: ${rows.map((r) => `${r.pageSize} → ${r.statements.join("/")}`).join(", ")}`);

    console.log(`\nSQL statements per request for territories(kind: COMMUNE, first: n) with each commune's epcis, departement and region (${REPEATS} requests per size, after one unmeasured):\n`);
    console.log(
      table(
        ["page size", "statements / request", "median ms"],
        rows.map((r) => [String(r.pageSize), r.statements.join(" / "), r.medianMs.toFixed(2)]),
      ),
    );
    console.log(`\nthe ${sql.length} statements of a page of ${PAGE_SIZES[PAGE_SIZES.length - 1]}:`);
    sql.forEach((statement, i) => console.log(`  ${i + 1}. ${abridged(statement)}`));
    return { failures, result: { database, startMs, repeats: REPEATS, query: PAGE_QUERY, pageSizes: rows, statementsOfLargestPage: sql.map((s) => s.replace(/\s+/g, " ")) } };
  } finally {
    if (server) await server.stop();
    else await app.close();
  }
}

/** A statement on one line, select lists elided, at most 160 characters. */
function abridged(statement: string): string {
  const line = statement
    .replace(/\s+/g, " ")
    .replace(/SELECT (DISTINCT )?.*?\sFROM\s/g, "SELECT $1… FROM ")
    .trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Records the SQL text of the statements counted until the returned function is called. */
function captureStatements(counter: StatementCounter, into: string[]): () => void {
  const count = counter.logQuery.bind(counter);
  counter.logQuery = (query?: string) => {
    into.push(String(query));
    count();
  };
  return () => {
    delete (counter as { logQuery?: unknown }).logQuery;
  };
}

function inspectPage(data: { territories?: { edges?: { node: Node }[] } }, n: number): string | null {
  const edges = data.territories?.edges;
  if (!Array.isArray(edges) || edges.length !== n) return `expected ${n} communes, got ${Array.isArray(edges) ? edges.length : "none"}`;
  for (const { node } of edges) {
    if (!node.id.startsWith("COMMUNE:")) return `${node.id} is not a commune`;
    if (!node.departement?.name || !node.region?.name || !Array.isArray(node.epcis)) return `${node.id} lacks its département, région or EPCI list`;
  }
  return null;
}
