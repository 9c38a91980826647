/**
 * Runs once before all tests (compiled code: `npm test` builds first). Provides PostgreSQL:
 * DATABASE_URL when set (CI uses the machine's server), else an embedded server in a
 * temporary folder. Then migrates one template database per subgraph (people-territories
 * with the imported map and the demo accounts); each test hub copies them, which is fast.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { TEMPLATES } from "./templates";

export default async function globalSetup(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kit = require("@hub/kit") as typeof import("@hub/kit");
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await kit.startEmbeddedPostgres(mkdtempSync(join(tmpdir(), "hub-test-pg-")), await kit.freePort(), false);
    (globalThis as { hubTestPostgres?: { stop(): Promise<void> } }).hubTestPostgres = embedded;
    serverUrl = embedded.url;
  }
  process.env.HUB_TEST_DATABASE_URL = serverUrl;
  const admin = new Client({ connectionString: kit.withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    for (const template of TEMPLATES) {
      await admin.query(`DROP DATABASE IF EXISTS "${template.database}" WITH (FORCE)`);
      const database = await kit.openDatabase({ url: kit.withDatabase(serverUrl, template.database), entities: template.entities(), migrations: template.migrations() });
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
