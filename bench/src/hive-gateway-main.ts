// Hive Gateway (@graphql-hive/gateway, a devDependency of the bench only) over the hub's own
// subgraphs, for the "gateway" benchmark:
// `node bench/dist/hive-gateway-main.js <port> <supergraph file> [<subgraph>=<url> …]`.
// One process, no workers. Offline: the supergraph is our composed file (no CDN, no registry),
// no usage reporting (no token is given), no GraphiQL or landing page. It forwards the caller's
// internal token (x-hub-internal-token) to every subgraph: the bench signs one per viewer, as
// our gateway does after checking the session (Hive has no notion of our sessions). The
// subgraphs are called at the URLs given (those of the hub under test, as our gateway is told
// by PROJECTS_URL …), not at the supergraph's (localhost:4001-4004).
import { INTERNAL_TOKEN_HEADER } from "@hub/kit";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

async function main(): Promise<void> {
  const [port, supergraphPath, ...subgraphs] = process.argv.slice(2);
  if (!port || !supergraphPath) throw new Error("usage: hive-gateway-main.js <port> <supergraph.graphql> [<subgraph>=<url> …]");
  const transportEntries = Object.fromEntries(
    subgraphs.map((pair) => {
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`expected <subgraph>=<url>, got ${pair}`);
      return [pair.slice(0, at), { location: pair.slice(at + 1) }];
    }),
  );
  const { createGatewayRuntime } = await import("@graphql-hive/gateway");
  const gateway = createGatewayRuntime({
    supergraph: readFileSync(supergraphPath, "utf8"),
    transportEntries,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ [INTERNAL_TOKEN_HEADER]: request.headers.get(INTERNAL_TOKEN_HEADER) }),
    },
    graphiql: false,
    landingPage: false,
    logging: process.env.HIVE_LOGGING === "debug" ? "debug" : "error",
  });
  // The runtime is a request listener (its handler returns a promise Node ignores).
  const server = createServer((request, response) => void gateway(request, response));
  server.keepAliveTimeout = 65_000;
  server.listen(Number(port), "127.0.0.1", () => console.log(`hive gateway ready at http://127.0.0.1:${port}/graphql (pid ${process.pid})`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      server.closeAllConnections();
      void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(`hive gateway failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
