// `npm start`: the whole hub on one machine. Builds what is stale, starts the embedded
// PostgreSQL server (unless DATABASE_URL is set) and gives each subgraph a role of its own on
// it, starts the stand-ins (Aides-Territoires, Démarches Simplifiées, Grist and SMTP, unless their URL is set), then the
// four subgraphs and the gateway, in development mode unless HUB_MODE says otherwise. Ctrl-C stops all.
import { join } from "node:path";
import { aidesTerritoires, build, demarchesSimplifiees, database, grist, ROOT, smtp, spawnService, stopProcess } from "./hub.mjs";

const started = Date.now();
const dataDir = process.env.HUB_DATA_DIR || join(ROOT, ".data");
const stops = [];
const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((service) => stopProcess(service.child)));
  for (const stop of stops.reverse()) await stop().catch(() => {});
  if (code === 0) console.log("hub stopped");
  process.exit(code);
}

/** PROJECTS_URL, PEOPLE_TERRITORIES_URL, FUNDING_URL, REPORTING_URL from the *_PORT variables, unless set. */
function subgraphUrls() {
  const defaults = { PROJECTS: 4001, PEOPLE_TERRITORIES: 4002, FUNDING: 4003, REPORTING: 4004 };
  return Object.fromEntries(Object.entries(defaults).map(([prefix, port]) => [`${prefix}_URL`, process.env[`${prefix}_URL`] ?? `http://127.0.0.1:${process.env[`${prefix}_PORT`] ?? port}/graphql`]));
}

async function main() {
  console.log(`build: ${build()} ms`);
  const db = await database(dataDir);
  stops.push(db.stop);
  if (db.relocation) console.log(db.relocation);
  console.log(
    db.embedded
      ? `embedded PostgreSQL ${db.reused ? "reused" : "started"} (data in ${db.dataFolder}); one role per subgraph (passwords in ${join(dataDir, "database-passwords.json")})`
      : `PostgreSQL from DATABASE_URL; one role per subgraph (passwords in ${join(dataDir, "database-passwords.json")})`,
  );
  const at = await aidesTerritoires();
  stops.push(at.stop);
  const ds = await demarchesSimplifiees();
  stops.push(ds.stop);
  const gr = await grist();
  stops.push(gr.stop);
  const mail = await smtp();
  stops.push(mail.stop);
  const port = process.env.GATEWAY_PORT ?? 4000;
  // `npm start` is development unless told otherwise (a bare `node dist/main.js` is production).
  const env = {
    HUB_MODE: process.env.HUB_MODE ?? "development",
    ...db.env,
    AIDES_TERRITOIRES_URL: at.url,
    AIDES_TERRITOIRES_API_KEY: at.apiKey,
    DEMARCHES_SIMPLIFIEES_URL: ds.url,
    GRIST_URL: gr.url,
    GRIST_API_KEY: gr.apiKey,
    // Notifications (people-territories): the SMTP server and the links' address.
    SMTP_URL: mail.url,
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    // Where services reach each other, following the ports chosen (*_PORT) unless a URL is set.
    ...subgraphUrls(),
  };
  const subgraphs = [
    spawnService("people-territories", "subgraphs/people-territories", env),
    spawnService("projects", "subgraphs/projects", env),
    spawnService("funding", "subgraphs/funding", env),
    spawnService("reporting", "subgraphs/reporting", env),
  ];
  children.push(...subgraphs);
  await Promise.all(subgraphs.map((s) => s.ready.catch((error) => Promise.reject(new Error(`${s.name}: ${error.message}`)))));
  const gateway = spawnService("gateway", "gateway", env);
  children.push(gateway);
  await gateway.ready.catch((error) => Promise.reject(new Error(`gateway: ${error.message}`)));
  for (const service of children) {
    service.child.once("exit", (code) => {
      if (stopping) return;
      console.error(`hub: ${service.name} stopped unexpectedly (code ${code}); stopping everything`);
      void shutdown(1);
    });
  }
  console.log(`
The hub is running (started in ${Date.now() - started} ms):
  web app       http://localhost:${port}/
  GraphQL       http://localhost:${port}/graphql   (HTTP and WebSocket)
  explorer      http://localhost:${port}/explorer  (GraphiQL)
  health        http://localhost:${port}/health (liveness), http://localhost:${port}/ready (readiness)
  subgraphs     http://localhost:${process.env.PROJECTS_PORT ?? 4001}/graphql (projects), :${process.env.PEOPLE_TERRITORIES_PORT ?? 4002} (people-territories), :${process.env.FUNDING_PORT ?? 4003} (funding), :${process.env.REPORTING_PORT ?? 4004} (reporting)
  stand-in      ${at.url} (Aides-Territoires)
  stand-in      ${ds.url} (Démarches Simplifiées)
  stand-in      ${gr.url} (Grist, document "hub-demo", table "Projets")
  e-mails       ${mail.messagesUrl ? `${mail.url} (SMTP stand-in; what it received: ${mail.messagesUrl})` : `${mail.url.replace(/\/\/[^@/]*@/, "//")} (SMTP_URL)`}
Ctrl-C stops everything.`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error) => {
  console.error(`hub failed to start: ${error.message.split("\n")[0]}`);
  void shutdown(1);
});
