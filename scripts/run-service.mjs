// `npm start -w <workspace>`: one service alone. Builds, provides a database (DATABASE_URL, or
// the embedded server, reused when `npm start` already runs it) and, for funding, the
// Aides-Territoires and DS stand-ins, for people-territories the SMTP stand-in, for reporting the
// Grist one; then runs the service in the foreground.
import { join } from "node:path";
import { aidesTerritoires, build, demarchesSimplifiees, database, grist, ROOT, smtp, spawnService, stopProcess } from "./hub.mjs";

const workspace = process.argv[2];
const name = workspace.split("/").pop();
const stops = [];
let service = null;

async function shutdown(code) {
  if (service) await stopProcess(service.child);
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}

async function main() {
  build({ web: workspace === "gateway" });
  // Development unless told otherwise (a bare `node dist/main.js` is production).
  const env = { HUB_MODE: process.env.HUB_MODE ?? "development" };
  if (workspace !== "gateway") {
    const db = await database(process.env.HUB_DATA_DIR || join(ROOT, ".data"));
    stops.push(db.stop);
    if (db.relocation) console.log(db.relocation);
    Object.assign(env, db.env);
  }
  if (workspace === "subgraphs/funding") {
    const at = await aidesTerritoires();
    stops.push(at.stop);
    const ds = await demarchesSimplifiees();
    stops.push(ds.stop);
    Object.assign(env, { AIDES_TERRITOIRES_URL: at.url, AIDES_TERRITOIRES_API_KEY: at.apiKey, DEMARCHES_SIMPLIFIEES_URL: ds.url });
  }
  if (workspace === "subgraphs/people-territories") {
    const mail = await smtp();
    stops.push(mail.stop);
    env.SMTP_URL = mail.url;
  }
  if (workspace === "subgraphs/reporting") {
    const gr = await grist();
    stops.push(gr.stop);
    Object.assign(env, { GRIST_URL: gr.url, GRIST_API_KEY: gr.apiKey });
  }
  service = spawnService(name, workspace, env, { prefix: false });
  service.child.stdout.pipe(process.stdout);
  service.child.stderr.pipe(process.stderr);
  await service.ready;
  service.child.once("exit", (code) => void shutdown(code ?? 1));
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error) => {
  console.error(`${name} failed to start: ${error.message.split("\n")[0]}`);
  void shutdown(1);
});
