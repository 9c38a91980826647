import { Client } from "pg";
import { templateDatabase, TEMPLATES } from "./templates";

/** Drops this run's template databases, then stops the embedded PostgreSQL server of the global setup, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.HUB_TEST_DATABASE_URL;
  if (serverUrl && process.env.HUB_TEST_RUN) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled @hub/kit: the global setup runs outside jest's module mapping
    const kit = require("@hub/kit") as typeof import("@hub/kit");
    const admin = new Client({ connectionString: kit.withDatabase(serverUrl, "postgres") });
    await admin.connect();
    try {
      for (const template of TEMPLATES) await admin.query(`DROP DATABASE IF EXISTS "${templateDatabase(template)}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await (globalThis as { hubTestPostgres?: { stop(): Promise<void> } }).hubTestPostgres?.stop();
}
