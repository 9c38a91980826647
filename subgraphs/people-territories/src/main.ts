import "reflect-metadata";
import { listen, runService } from "@hub/kit";
import { readPeopleTerritoriesConfig } from "./config";
import { createPeopleTerritoriesServer } from "./server";

runService("people-territories", async () => {
  const config = readPeopleTerritoriesConfig();
  const running = await listen(await createPeopleTerritoriesServer(config), config.port, config.host);
  console.log(`people-territories ready at ${running.url}`);
  return running;
});
