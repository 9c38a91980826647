// Runs the embedded PostgreSQL server in its own process, for start.mjs and run-service.mjs:
// `node scripts/postgres.mjs <data folder> <port>` prints "postgres ready <url>" (after
// "postgres note <where its programs and data are>" when root had to move them), then stops
// the server and exits on SIGTERM or SIGINT, or when the process that started it goes away.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require("@hub/local-postgres");

const [dataDir, port] = process.argv.slice(2);
let server = null;
let stopping = false;

async function stop() {
  if (stopping) return;
  stopping = true;
  await server?.stop().catch(() => {});
  process.exit(0);
}

process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
if (process.connected) process.on("disconnect", () => void stop());

try {
  server = await startEmbeddedPostgres(dataDir, Number(port));
  if (server.relocation) console.log(`postgres note ${server.relocation}`);
  console.log(`postgres ready ${server.url}`);
} catch (error) {
  console.error(error.message.split("\n")[0]);
  process.exit(1);
}
