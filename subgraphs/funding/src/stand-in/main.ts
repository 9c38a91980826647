import { listen, runService } from "@hub/kit";
import { createAidesTerritoiresStandIn } from "./aides-territoires.stand-in";

/** Runs the Aides-Territoires stand-in alone: AT_STAND_IN_PORT (4010), AT_STAND_IN_API_KEY. */
runService("aides-territoires stand-in", async () => {
  // eslint-disable-next-line no-restricted-properties -- a development tool, not a hub service
  const { AT_STAND_IN_PORT, AT_STAND_IN_API_KEY } = process.env;
  const port = Number(AT_STAND_IN_PORT ?? 4010);
  const apiKey = AT_STAND_IN_API_KEY ?? "dev-aides-territoires-key";
  const { app } = createAidesTerritoiresStandIn({ apiKey });
  const running = await listen({ app, close: async () => {} }, port, "127.0.0.1", "/api/");
  console.log(`aides-territoires stand-in ready at ${running.url}`);
  return running;
});
