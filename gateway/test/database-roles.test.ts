/**
 * Least privilege in PostgreSQL, on the tests' server (as its superuser): provisionServiceDatabases
 * gives each subgraph a role that runs its real migrations in its own database, and can
 * neither enter another subgraph's database nor create databases or roles.
 */
import { ensureDatabase, openDatabase, withDatabase } from "@hub/kit";
import { provisionServiceDatabases, type ServiceDatabase } from "@hub/local-postgres";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { TEMPLATES } from "@hub/testing";

const serverUrl = () => process.env.HUB_TEST_DATABASE_URL!;
const run = `hub_roles_${randomBytes(3).toString("hex")}`;
const SERVICES: ServiceDatabase[] = TEMPLATES.map((template) => {
  const name = `${run}_${template.subgraph.replace("-", "_")}`;
  return { prefix: template.subgraph.replace("-", "_").toUpperCase(), database: name, role: name };
});
const password = () => randomBytes(24).toString("base64url");
const passwordsOf = () => Object.fromEntries(SERVICES.map((service) => [service.role, password()]));

/** The SQLSTATE of what `action` throws (undefined if it does not throw). */
async function sqlState(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const asAdmin = <T>(use: (client: Client) => Promise<T>, database = "postgres") => withClient(withDatabase(serverUrl(), database), use);

describe("one PostgreSQL role per subgraph", () => {
  let passwords: Record<string, string>;
  let urls: Record<string, string>;

  beforeAll(async () => {
    passwords = passwordsOf();
    urls = await provisionServiceDatabases(serverUrl(), SERVICES, passwords);
  });

  afterAll(async () => {
    await asAdmin(async (admin) => {
      for (const service of SERVICES) await admin.query(`DROP DATABASE IF EXISTS "${service.database}" WITH (FORCE)`);
      for (const service of SERVICES) await admin.query(`DROP ROLE IF EXISTS "${service.role}"`);
    });
  });

  it("creates login roles with no other right, each owning its database, closed to PUBLIC", async () => {
    const roles = await asAdmin(async (admin) => {
      const { rows } = await admin.query<Record<string, unknown>>(
        `SELECT r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
                array(SELECT d.datname::text FROM pg_database d WHERE d.datdba = r.oid) AS owns,
                array(SELECT d.datname::text FROM pg_database d WHERE has_database_privilege('public', d.oid, 'CONNECT') AND d.datname = ANY($2)) AS public_connect
           FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
        [SERVICES.map((s) => s.role), SERVICES.map((s) => s.database)],
      );
      return rows;
    });
    expect(roles).toEqual(
      [...SERVICES]
        .sort((a, b) => a.role.localeCompare(b.role))
        .map((service) => ({
          rolname: service.role,
          rolcanlogin: true,
          rolsuper: false,
          rolcreatedb: false,
          rolcreaterole: false,
          rolreplication: false,
          rolbypassrls: false,
          owns: [service.database],
          public_connect: [],
        })),
    );
    expect(Object.keys(urls).sort()).toEqual(SERVICES.map((s) => s.prefix).sort());
    for (const service of SERVICES) {
      const url = new URL(urls[service.prefix]);
      expect([url.username, decodeURIComponent(url.password), url.pathname]).toEqual([service.role, passwords[service.role], `/${service.database}`]);
    }
  });

  it.each(TEMPLATES.map((template, i) => [template.subgraph, template, SERVICES[i]] as const))("lets %s's role run its real migrations in its own database", async (_name, template, service) => {
    const database = await openDatabase({ url: urls[service.prefix], entities: template.entities(), migrations: template.migrations() });
    try {
      const { pending, owners } = {
        pending: await database.dataSource.showMigrations(),
        owners: await database.dataSource.query<{ owner: string }[]>(`SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`),
      };
      expect({ pending, owners }).toEqual({ pending: false, owners: [{ owner: service.role }] });
    } finally {
      await database.dataSource.destroy();
    }
  });

  it("refuses a role another subgraph's database, new databases and new roles", async () => {
    const [projects, funding] = [SERVICES[1], SERVICES[2]];
    const intoOther = new URL(urls[projects.prefix]);
    intoOther.pathname = `/${funding.database}`;
    expect(await sqlState(() => withClient(intoOther.toString(), async () => {}))).toBe("42501"); // permission denied for database
    const attempts = await withClient(urls[projects.prefix], async (client) => ({
      createDatabase: await sqlState(() => client.query(`CREATE DATABASE "${run}_stolen"`)),
      createRole: await sqlState(() => client.query(`CREATE ROLE "${run}_stolen"`)),
      becomeOther: await sqlState(() => client.query(`SET ROLE "${funding.role}"`)),
    }));
    expect(attempts).toEqual({ createDatabase: "42501", createRole: "42501", becomeOther: "42501" });
    // The kit's start-up check says what is wrong instead of failing on CREATE DATABASE.
    const missing = new URL(urls[projects.prefix]);
    missing.pathname = `/${run}_missing`;
    await expect(ensureDatabase(missing.toString())).rejects.toThrow(`database "${run}_missing" does not exist and ${projects.role} cannot create it (permission denied to create a database)`);
  });

  it("is idempotent: a new run sets the new passwords and hands over what the superuser made", async () => {
    const reporting = SERVICES[3];
    await asAdmin((admin) => admin.query("CREATE TABLE left_by_admin (id int GENERATED ALWAYS AS IDENTITY, name text)"), reporting.database);
    // The stored verifier (CI's server trusts local connections, so logging in proves nothing).
    const verifier = () => asAdmin(async (admin) => (await admin.query<{ rolpassword: string }>("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [reporting.role])).rows[0].rolpassword);
    const before = await verifier();
    const again = await provisionServiceDatabases(serverUrl(), SERVICES, passwordsOf());
    const after = await verifier();
    expect([before.startsWith("SCRAM-SHA-256$"), after.startsWith("SCRAM-SHA-256$"), after === before]).toEqual([true, true, false]);
    const owner = await withClient(again[reporting.prefix], async (client) => {
      await client.query("ALTER TABLE left_by_admin ADD COLUMN added int"); // only its owner may
      return (await client.query<{ owner: string }>("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'left_by_admin'")).rows;
    });
    expect(owner).toEqual([{ owner: reporting.role }]);
  });
});
