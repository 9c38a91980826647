import { createServer, type Socket } from "node:net";

/**
 * A port that accepts connections and never answers: a subgraph frozen (a stuck event loop, a
 * lost packet, a full disk), as opposed to one that is down and refuses connections.
 * Resolves once listening; the function it gives closes the port and every connection.
 */
export async function freezePort(port: number, host = "127.0.0.1"): Promise<() => Promise<void>> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // Reads what comes (so the caller's writes complete) and says nothing.
    socket.resume();
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
}
