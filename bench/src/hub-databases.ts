// The databases of a hub the bench started: each subgraph's role owns its database, and the
// role's password is in the hub's data folder (database-passwords.json, written by start.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The URL of `database` as `role` on the bench's hub (the DATABASE_URL server, else the embedded one on `postgresPort`). */
export function serviceDatabaseUrl(dataDir: string, adminUrl: string | undefined, postgresPort: number, role: string, database: string): string {
  const passwords = JSON.parse(readFileSync(join(dataDir, "database-passwords.json"), "utf8")) as Partial<Record<string, string>>;
  const url = new URL(adminUrl ?? `postgres://127.0.0.1:${postgresPort}/postgres`);
  url.username = role;
  url.password = passwords[role] ?? "";
  url.pathname = `/${database}`;
  return url.toString();
}
