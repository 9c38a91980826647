import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A subgraph's answer, read whole: the body stays text, so that every caller sharing it parses its own copy. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * How long an idle connection is kept: under the subgraphs' own keep-alive (65 s, the kit's
 * KEEP_ALIVE_MS), so the gateway closes it first and never writes on a socket being closed.
 */
const IDLE_MS = 60_000;

/** Raised when the call was abandoned after `timeoutMs` (the socket is destroyed). */
export class UpstreamTimeout extends Error {
  override name = "UpstreamTimeout";
}

/**
 * POSTs to one URL over reused connections (a keep-alive agent per subgraph): no TCP handshake
 * per call, and no fetch machinery between the gateway and the socket. Each call is abandoned
 * after `timeoutMs`, from connecting to the last byte of the answer.
 */
export class KeepAliveClient {
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(url: string) {
    this.url = new URL(url);
    const https = this.url.protocol === "https:";
    this.agent = https ? new HttpsAgent({ keepAlive: true, timeout: IDLE_MS }) : new HttpAgent({ keepAlive: true, timeout: IDLE_MS });
    this.send = https ? httpsRequest : httpRequest;
  }

  post(headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
    const signal = AbortSignal.timeout(timeoutMs);
    return new Promise<HttpAnswer>((resolve, reject) => {
      // The abort surfaces as an AbortError or as "aborted"/ECONNRESET depending on the moment: the signal says which it was.
      const fail = (error: Error) => reject(signal.aborted ? new UpstreamTimeout(`no answer within ${timeoutMs} ms`) : error);
      const request = this.send(this.url, { method: "POST", agent: this.agent, signal, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (response) => {
        response.setEncoding("utf8");
        let text = "";
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers: response.headers, body: text }));
        response.on("error", fail);
        response.on("aborted", () => fail(new Error("the answer was cut")));
      });
      request.on("error", fail);
      request.end(body);
    });
  }

  /** Closes the idle connections (the gateway is stopping). */
  close(): void {
    this.agent.destroy();
  }
}
