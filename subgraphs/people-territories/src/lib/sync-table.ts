/** Anything that runs SQL with positional parameters (a typeorm EntityManager or QueryRunner). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface BulkResult {
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Makes `table` hold exactly `rows` (one statement per 10,000 rows, plus one delete): rows
 * are inserted, changed only where a value differs, and rows absent from `rows` are deleted.
 * Running it twice with the same rows changes nothing. `columns` maps column → SQL type;
 * `key` names the primary key columns.
 */
export async function syncTable(db: Queryable, table: string, columns: Record<string, string>, key: string[], rows: Record<string, unknown>[]): Promise<BulkResult> {
  const names = Object.keys(columns);
  const record = names.map((name) => `${name} ${columns[name]}`).join(", ");
  const others = names.filter((name) => !key.includes(name));
  const onConflict =
    others.length === 0
      ? "DO NOTHING"
      : `DO UPDATE SET ${others.map((n) => `${n} = EXCLUDED.${n}`).join(", ")}
         WHERE (${others.map((n) => `${table}.${n}`).join(", ")}) IS DISTINCT FROM (${others.map((n) => `EXCLUDED.${n}`).join(", ")})`;
  const upsert = `INSERT INTO ${table} (${names.join(", ")})
    SELECT ${names.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
    ON CONFLICT (${key.join(", ")}) ${onConflict}
    RETURNING (xmax = 0) AS inserted`;
  const result: BulkResult = { inserted: 0, updated: 0, deleted: 0 };
  for (let start = 0; start < rows.length; start += 10_000) {
    const changed = (await db.query(upsert, [JSON.stringify(rows.slice(start, start + 10_000))])) as { inserted: boolean }[];
    for (const row of changed) {
      if (row.inserted) result.inserted += 1;
      else result.updated += 1;
    }
  }
  const keyRecord = key.map((name) => `${name} ${columns[name]}`).join(", ");
  const [deleted] = (await db.query(
    `WITH gone AS (
       DELETE FROM ${table} t WHERE NOT EXISTS (
         SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS r(${keyRecord}) WHERE ${key.map((n) => `r.${n} = t.${n}`).join(" AND ")})
       RETURNING 1)
     SELECT count(*)::int AS count FROM gone`,
    [JSON.stringify(rows.map((row) => Object.fromEntries(key.map((name) => [name, row[name]]))))],
  )) as { count: number }[];
  result.deleted = deleted.count;
  return result;
}
