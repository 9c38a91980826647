import "reflect-metadata";
import { listen, runService } from "@hub/kit";
import { readReportingConfig } from "./config";
import { createReportingServer } from "./server";

runService("reporting", async () => {
  const config = readReportingConfig();
  const running = await listen(await createReportingServer(config), config.port, config.host);
  console.log(`reporting ready at ${running.url}`);
  return running;
});
