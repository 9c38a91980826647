import { INTERNAL_TOKEN_HEADER, SERVICE_VIEWER, signInternalToken, type Logger } from "@hub/kit";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

const WAKE = `subscription ReportingWake { projectActivity { id } }`;

/**
 * Wakes the journal consumer as soon as the projects subgraph appends an activity: a live
 * `projectActivity` subscription over graphql-ws, as the SERVICE viewer (which sees every
 * project), authenticated by an internal token signed at each connection. Its events carry
 * nothing the consumer uses: each only says "read the journal now" (the consumer coalesces
 * them). Each (re)connection wakes it too, for what was appended while disconnected. A dropped
 * connection is reopened with a growing delay (100 ms to 5 s); meanwhile the poll catches up.
 */
export class ActivityWake {
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    /** The projects subgraph's GraphQL URL (http or https: the WebSocket is on the same path). */
    private readonly projectsUrl: string,
    private readonly secret: string,
    private readonly wake: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.closed = false;
    this.connect(0);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.client?.dispose();
    this.client = null;
  }

  private connect(attempt: number): void {
    if (this.closed) return;
    const client = createClient({
      url: this.projectsUrl.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: () => ({ [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, this.secret) }),
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => this.wake() },
    });
    this.client = client;
    let received = false;
    client.subscribe(
      { query: WAKE },
      {
        next: () => {
          received = true;
          this.wake();
        },
        complete: () => this.reconnect(client, 0),
        error: (error: unknown) => {
          if (attempt === 0 && !this.closed) this.logger.warn(`activity wake-up: the projects subgraph's live activity dropped (${describe(error)}); polling until it is back`);
          this.reconnect(client, received ? 0 : attempt + 1);
        },
      },
    );
  }

  private reconnect(client: Client, attempt: number): void {
    void client.dispose();
    if (this.closed) return;
    this.timer = setTimeout(() => this.connect(attempt), Math.min(5000, 100 * 2 ** attempt));
    this.timer.unref();
  }
}

/** What went wrong, from what graphql-ws hands over: an Error, GraphQL errors, a close event or a socket error event. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message ?? "error").join("; ");
  if (typeof error !== "object" || error === null) return String(error);
  if ("code" in error && typeof error.code === "number") return `close ${error.code}`;
  if ("message" in error && typeof error.message === "string" && error.message !== "") return error.message;
  return "connection failed";
}
