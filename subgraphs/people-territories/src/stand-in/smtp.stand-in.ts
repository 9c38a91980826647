import { simpleParser } from "mailparser";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { SMTPServer } from "smtp-server";

/** One e-mail the stand-in received. */
export interface ReceivedEmail {
  id: number;
  /** SMTP envelope. */
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
  receivedAt: string;
}

export interface SmtpStandIn {
  /** smtp://127.0.0.1:<port> */
  smtpUrl: string;
  /** http://127.0.0.1:<port>/messages */
  messagesUrl: string;
  port: number;
  /** Messages received so far, oldest first. */
  messages: () => ReceivedEmail[];
  /** Resolves once `count` messages matching `filter` have arrived (or rejects after `timeoutMs`). */
  waitFor: (count: number, filter?: (email: ReceivedEmail) => boolean, timeoutMs?: number) => Promise<ReceivedEmail[]>;
  /** Forgets the messages received. */
  clear: () => void;
  /** The next `count` deliveries are refused (a 451 error), to test retries. */
  refuseNext: (count: number) => void;
  /** Uses no `this`: a list of cleanups may hold it. */
  stop: () => Promise<void>;
}

const KEEP = 500;
/** An HTTP client speaks first; an SMTP client waits for the server's greeting. */
const HTTP_FIRST_BYTES = /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH) /;
const SNIFF_MS = 150;

/**
 * A local SMTP server that keeps what it receives (the last 500 e-mails, in memory) and lists
 * them over HTTP on the same port: `GET /messages` (JSON, newest last), `DELETE /messages`.
 * No authentication, no TLS: for `npm start` and tests on a loopback address only. One port for
 * both: a connection that sends an HTTP request line at once is HTTP, one that waits for the
 * greeting is SMTP.
 */
export async function startSmtpStandIn(port = 0, host = "127.0.0.1"): Promise<SmtpStandIn> {
  const received: ReceivedEmail[] = [];
  const waiters = new Set<() => void>();
  let refusals = 0;
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    banner: "hub SMTP stand-in",
    size: 1024 * 1024,
    onData(stream, session, callback) {
      if (refusals > 0) {
        refusals--;
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Temporary failure (stand-in)"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          received.push({
            id: nextId++,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            messageId: mail.messageId ?? null,
            receivedAt: new Date().toISOString(),
          });
          if (received.length > KEEP) received.splice(0, received.length - KEEP);
          for (const wake of waiters) wake();
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  const http = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/messages" && request.method === "GET") {
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify({ messages: received }, null, 2));
    } else if (path === "/messages" && request.method === "DELETE") {
      received.length = 0;
      response.writeHead(204).end();
    } else {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "GET /messages lists the e-mails received" }));
    }
  });

  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    const toSmtp = setTimeout(() => {
      socket.removeListener("data", sniff);
      smtp.server.emit("connection", socket);
    }, SNIFF_MS);
    const sniff = (chunk: Buffer) => {
      clearTimeout(toSmtp);
      socket.pause();
      socket.unshift(chunk);
      if (HTTP_FIRST_BYTES.test(chunk.toString("latin1", 0, 8))) http.emit("connection", socket);
      else socket.destroy();
      socket.resume();
    };
    socket.once("data", sniff);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://${host}:${actual}`,
    messagesUrl: `http://${host}:${actual}/messages`,
    port: actual,
    messages: () => [...received],
    waitFor: (count, filter = () => true, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const matching = received.filter(filter);
          if (matching.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP stand-in: ${received.filter(filter).length} of ${count} e-mails after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    clear: () => {
      received.length = 0;
    },
    refuseNext: (count) => {
      refusals = count;
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      http.close();
      await closed;
    },
  };
}
