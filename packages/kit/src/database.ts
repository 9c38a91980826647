import { AsyncLocalStorage } from "node:async_hooks";
import { Client } from "pg";
import { withDatabase } from "./config";
import { DataSource, type EntitySchema, type Logger as OrmLogger, type MixedList } from "typeorm";

/** Whom the GraphQL request being served is for: set per request by the subgraph app (`server.ts`). */
export interface StatementScope {
  /** The caller is the hub itself (SERVICE viewer): another subgraph's background reader of the journal, say. */
  service: boolean;
}

/** The scope of the request each statement serves (none outside requests: migrations, feeds). */
export const statementScope = new AsyncLocalStorage<StatementScope>();

/** Runs a service's own background work (a reader of the journal, say): its statements count as the hub's, not a caller's. */
export function asServiceWork<T>(work: () => Promise<T>): Promise<T> {
  return statementScope.run({ service: true }, work);
}

/**
 * Counts the SQL statements a data source sends. Tests and benchmarks read it to prove that
 * a DataLoader batch is one statement, and that a page costs the same whatever its size.
 * Statements served to the hub's own services (reporting's and notifications' readers of the
 * journal, which run in the background at any moment) are counted apart, in `serviceCount`,
 * so that `count` measures what users' requests cost.
 */
export class StatementCounter implements OrmLogger {
  count = 0;
  serviceCount = 0;
  logQuery(): void {
    if (statementScope.getStore()?.service) this.serviceCount += 1;
    else this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  /** Pool size (default 10). */
  poolSize?: number;
}

export interface Database {
  dataSource: DataSource;
  statements: StatementCounter;
}

/**
 * Opens a typeorm data source on PostgreSQL and applies pending migrations (never synchronize).
 * Migrations are hand-written SQL on purpose: indexes (trigram, partial, unique on
 * expressions) and checks that entity metadata cannot express, reviewed as written
 * and applied in order by typeorm's own runner.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  await ensureDatabase(options.url);
  const statements = new StatementCounter();
  const dataSource = new DataSource({
    type: "postgres",
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    synchronize: false,
    uuidExtension: "pgcrypto",
    logging: ["query"],
    logger: statements,
    extra: { max: options.poolSize ?? 10 },
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: "each" });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return { dataSource, statements };
}

/**
 * Makes sure the database named in `url` exists. A service's own role usually cannot create
 * databases (nor connect to `postgres`): it connects to its database first, and only when that
 * database does not exist tries to create it, from the server's `postgres` database; failing
 * that, the error names the database and what to do.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if (codeOf(error) !== "3D000") throw error; // 3D000: no such database
  } finally {
    await probe.end().catch(() => {});
  }
  const admin = new Client({ connectionString: withDatabase(url, "postgres") });
  const cannot = (why: string) =>
    new Error(
      `database "${name}" does not exist and ${decodeURIComponent(target.username) || "this role"} cannot create it (${why}): create it owned by this role (see docs/deployment.md), or set a URL whose role may`,
    );
  try {
    await admin.connect();
  } catch (error) {
    throw cannot((error as Error).message);
  }
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    // 42P04: another process created it between our check and our statement.
    if (codeOf(error) === "42501") throw cannot("permission denied to create a database");
    if (codeOf(error) !== "42P04") throw error;
  } finally {
    await admin.end();
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}
