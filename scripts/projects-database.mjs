// The projects database for the operator tools (`npm run import`, `npm run seed`): the URL
// in PROJECTS_DATABASE_URL as it is; else the server of DATABASE_URL or the embedded one of
// `npm start` (started for the run when it is not running), with the projects role made as
// `npm start` makes it. Opened with the subgraph's migrations, so a fresh server works too.
import { createRequire } from "node:module";
import { join } from "node:path";
import { database, ROOT } from "./hub.mjs";

const require = createRequire(import.meta.url);

/** Opens the projects database; `close()` closes it and stops an embedded server started for this run. */
export async function openProjectsDatabase() {
  const { openDatabase } = require("@hub/kit");
  const { ENTITIES, MIGRATIONS } = require("@hub/projects");
  let url = process.env.PROJECTS_DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const db = await database(process.env.HUB_DATA_DIR || join(ROOT, ".data"));
    if (db.relocation) console.log(db.relocation);
    stop = db.stop;
    url = db.env.PROJECTS_DATABASE_URL;
  }
  try {
    const { dataSource } = await openDatabase({ url, entities: ENTITIES, migrations: MIGRATIONS });
    return {
      dataSource,
      where: new URL(url).host + new URL(url).pathname,
      close: async () => {
        await dataSource.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
