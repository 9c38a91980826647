/**
 * Least privilege on a shared PostgreSQL server: each subgraph connects as a role of its own
 * that owns its own database and only that one (no superuser, CREATEDB or CREATEROLE), and no
 * other role may connect to that database. An administrator's connection sets it up;
 * docs/deployment.md gives the same steps as SQL for a DBA.
 */
import { Client } from "pg";
import { withDatabase } from "@hub/kit";

/** A subgraph's database and the role that owns it. */
export interface ServiceDatabase {
  /** The prefix of its variables: `<prefix>_DATABASE_URL`. */
  prefix: string;
  database: string;
  role: string;
}

/** The four subgraphs' databases (the names their config readers default to) and roles. */
export const SERVICE_DATABASES: readonly ServiceDatabase[] = [
  { prefix: "PROJECTS", database: "projects", role: "hub_projects" },
  { prefix: "PEOPLE_TERRITORIES", database: "people_territories", role: "hub_people_territories" },
  { prefix: "FUNDING", database: "funding", role: "hub_funding" },
  { prefix: "REPORTING", database: "reporting", role: "hub_reporting" },
];

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Creates or updates each service's role (login, `passwords[role]`, no other right) and its
 * database (owned by the role, closed to PUBLIC, schema `public` owned by the role, objects
 * left by an earlier owner handed over). Idempotent: run it at every start. `adminUrl` is a
 * superuser's (or a cloud admin's that may grant the roles) URL on any database of the server.
 * Returns each service's URL, as its role, keyed by prefix.
 */
export async function provisionServiceDatabases(adminUrl: string, services: readonly ServiceDatabase[], passwords: Record<string, string>): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  const admin = new Client({ connectionString: withDatabase(adminUrl, "postgres") });
  await admin.connect();
  try {
    for (const service of services) {
      const { role, database } = service;
      if (!IDENTIFIER.test(role) || !IDENTIFIER.test(database)) throw new Error(`unsupported role or database name "${role}", "${database}"`);
      const password = passwords[role];
      if (!password) throw new Error(`no password for role ${role}`);
      const rights = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`;
      await createOr(admin, `CREATE ROLE "${role}" ${rights}`, `ALTER ROLE "${role}" ${rights}`, "42710");
      await createOr(admin, `CREATE DATABASE "${database}" OWNER "${role}"`, `ALTER DATABASE "${database}" OWNER TO "${role}"`, "42P04");
      await admin.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
      await adoptObjects(withDatabase(adminUrl, database), role);
      const url = new URL(withDatabase(adminUrl, database));
      url.username = role;
      url.password = encodeURIComponent(password);
      urls[service.prefix] = url.toString();
    }
  } finally {
    await admin.end();
  }
  return urls;
}

/** Runs `create`; if what it creates exists (`exists` error code, or found beforehand), runs `alter`. */
async function createOr(admin: Client, create: string, alter: string, exists: string): Promise<void> {
  try {
    await admin.query(create);
  } catch (error) {
    if ((error as { code?: string }).code !== exists) throw error;
    await admin.query(alter);
  }
}

/**
 * The role owns schema `public` (PostgreSQL 15+ no longer lets PUBLIC create there) and every
 * table, view, sequence and type in it, so that its migrations may alter them: a database made
 * by an earlier version of `npm start` was the superuser's. Extension members and sequences
 * owned by a column follow their owner.
 */
async function adoptObjects(databaseUrl: string, role: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`ALTER SCHEMA public OWNER TO "${role}"`);
    await client.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC"); // before PostgreSQL 15, PUBLIC could
    const { rows } = await client.query<{ statement: string }>(
      `SELECT format('ALTER %s public.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.relname, $1::text) AS statement
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $1
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
       UNION ALL
       SELECT format('ALTER TYPE public.%I OWNER TO %I', t.typname, $1::text)
         FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> $1
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`,
      [role],
    );
    for (const { statement } of rows) await client.query(statement);
  } finally {
    await client.end();
  }
}
