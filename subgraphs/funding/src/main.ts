import "reflect-metadata";
import { listen, runService } from "@hub/kit";
import { readFundingConfig } from "./config";
import { createFundingServer } from "./server";

runService("funding", async () => {
  const config = readFundingConfig();
  const running = await listen(await createFundingServer(config), config.port, config.host);
  console.log(`funding ready at ${running.url}`);
  return running;
});
