// The printed form of the inbox's SQL statements per request (pg-statements.ts).
import type { StatementCount } from "./pg-statements";
import { table } from "./report";

const LABELS: Record<string, string> = { gateway: "gateway (inbox with names)", subgraph: "projects subgraph alone" };

export function printStatements(statements: Record<string, StatementCount>, databases: string[]): void {
  const counts = Object.entries(statements).filter((entry): entry is [string, Extract<StatementCount, { measured: true }>] => entry[1].measured);
  for (const [name, count] of Object.entries(statements)) {
    if (!count.measured) console.log(`\nSQL statements per request${counts.length > 0 ? `, ${LABELS[name] ?? name}` : ""}: not measured here: ${count.reason}`);
  }
  if (counts.length === 0) return;
  const first = counts[0][1];
  console.log(`\nSQL statements per request, ${first.requests} requests each, one at a time: ${first.note}:\n`);
  const n = (value: number) => value.toFixed(2);
  console.log(
    table(
      ["scenario", ...databases.map((db) => `${db} (during − idle)`)],
      counts.map(([name, count]) => [LABELS[name] ?? name, ...databases.map((db) => `${n(count.perRequest[db])} (${n(count.raw[db])} − ${n(count.background[db])})`)]),
    ),
  );
  for (const [name, count] of counts) {
    for (const db of databases) {
      if (count.top[db].length === 0) continue;
      console.log(`\n${LABELS[name] ?? name}, ${db}: the most frequent statements, calls per request (background included):`);
      for (const statement of count.top[db]) console.log(`  ${statement.perRequest.toFixed(2).padStart(6)}  ${statement.query}`);
    }
  }
}
