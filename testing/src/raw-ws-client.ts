import WebSocket from "ws";

export interface RawMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

/**
 * A graphql-transport-ws client speaking the protocol by hand, keeping every message: for tests
 * of the protocol itself (close codes, bad messages), which graphql-ws's client would not send.
 */
export class RawClient {
  readonly socket: WebSocket;
  readonly messages: RawMessage[] = [];
  /** The socket's errors (a failed handshake: then the close code is 1006). */
  readonly errors: string[] = [];
  /** The close code. */
  readonly closed: Promise<number>;
  /** The close code and reason. */
  readonly closedWith: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  /** `protocols`: the subprotocols offered (default: graphql-transport-ws; `[]` offers none). */
  constructor(url: string, protocols: string[] = ["graphql-transport-ws"]) {
    this.socket = new WebSocket(url.replace(/^http/, "ws"), protocols);
    this.socket.on("message", (data) => {
      // A Buffer: the socket keeps ws's default binaryType ("nodebuffer").
      this.messages.push(JSON.parse((data as Buffer).toString()) as RawMessage);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.socket.on("error", (error) => this.errors.push(error.message));
    this.closedWith = new Promise((resolve) => this.socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    this.closed = this.closedWith.then(({ code }) => code);
  }

  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("open", () => resolve()));
  }

  /** Opens, sends connection_init with the token (if any) and waits for connection_ack. */
  async init(token?: string): Promise<void> {
    await this.opened();
    this.send({ type: "connection_init", payload: token ? { authorization: `Bearer ${token}` } : {} });
    await this.until((m) => m.some((x) => x.type === "connection_ack"));
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  async until(predicate: (messages: RawMessage[]) => boolean): Promise<void> {
    while (!predicate(this.messages)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
