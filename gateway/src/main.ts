import { listen, runService } from "@hub/kit";
import { readGatewayConfig } from "./config";
import { createGatewayServer } from "./server";

runService("gateway", async () => {
  const config = readGatewayConfig();
  const running = await listen(await createGatewayServer(config), config.port, config.host);
  console.log(`gateway ready at http://localhost:${running.port}/graphql`);
  return running;
});
