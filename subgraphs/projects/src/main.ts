import "reflect-metadata";
import { listen, runService } from "@hub/kit";
import { readProjectsConfig } from "./config";
import { createProjectsServer } from "./server";

runService("projects", async () => {
  const config = readProjectsConfig();
  const running = await listen(await createProjectsServer(config), config.port, config.host);
  console.log(`projects ready at ${running.url}`);
  return running;
});
