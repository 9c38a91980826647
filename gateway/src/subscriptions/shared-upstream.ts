import { serializeResult, upstreamUnavailable, type Logger } from "@hub/kit";
import { GraphQLError } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { CURSOR_ALIAS, type ResumableOperation } from "./cursor";
import type { Subscriber } from "./subscriber-handle";

export type { Deliver, Subscriber } from "./subscriber-handle";

export interface UpstreamOptions {
  /** The subgraph's WebSocket URL. */
  url: string;
  serviceName: string;
  /** The primary fetch's operation and the variables it uses. */
  operation: string;
  variables: Record<string, unknown>;
  /** Set when the subscription can be resumed after its last cursor. */
  resumable: ResumableOperation | null;
  /** connection_init payload (the internal token of the subscribers' viewer), signed at each (re)connection. */
  connectionParams: () => Record<string, unknown>;
  /** Completes one event for the subscribers (the rest of the query plan), serialised. */
  complete: (data: Record<string, unknown>) => Promise<string>;
  /** Called once, when the last subscriber leaves or the upstream ends. */
  onClose: () => void;
  /** Tracks open clients, so that the gateway can close them all at shutdown. */
  clients: Set<Client>;
  logger: Logger;
  retries: number;
}

/**
 * One graphql-ws subscription to a subgraph, shared by the gateway's subscribers that sent the
 * same operation with the same variables as the same viewer: each event is fetched once,
 * completed once (the rest of the plan) and serialised once, then sent to every subscriber, in
 * journal order.
 * A dropped connection is re-opened after the last cursor; when the last subscriber leaves,
 * the upstream subscription is closed.
 */
export class SharedUpstream {
  private readonly members = new Set<Subscriber>();
  private after: string | null;
  private client: Client | null = null;
  private closed = false;
  /** Events are completed one after the other, so subscribers get them in journal order. */
  private chain = Promise.resolve();

  constructor(private readonly options: UpstreamOptions) {
    this.after = options.resumable?.initialAfter ?? null;
  }

  get size(): number {
    return this.members.size;
  }

  join(member: Subscriber): void {
    this.members.add(member);
    if (!this.client && !this.closed) this.connect(0);
  }

  leave(member: Subscriber): void {
    this.members.delete(member);
    if (this.members.size === 0) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.onClose();
    if (this.client) this.dispose(this.client);
  }

  private dispose(client: Client): void {
    this.options.clients.delete(client);
    void client.dispose();
  }

  /** Hands a serialised event to every subscriber. */
  private broadcast(json: string): void {
    for (const member of this.members) member.deliver(json);
  }

  /** Ends every subscriber (after the events still being completed), optionally with errors first. */
  private end(errors?: readonly GraphQLError[]): void {
    const members = [...this.members];
    this.close();
    void this.chain.then(() => {
      for (const member of members) member.end(errors);
    });
  }

  private onEvent(data: Record<string, unknown>): void {
    const resumable = this.options.resumable;
    const event = resumable ? (data[resumable.rootKey] as Record<string, unknown> | undefined) : undefined;
    if (event && typeof event[CURSOR_ALIAS] === "string") this.after = event[CURSOR_ALIAS];
    this.chain = this.chain.then(async () => {
      // Nobody left to receive it (the last subscriber left while earlier events were completed).
      if (this.members.size === 0) return;
      this.broadcast(await this.options.complete(data));
    });
  }

  private connect(attempt: number): void {
    if (this.closed) return;
    const { resumable } = this.options;
    const client = createClient({ url: this.options.url, webSocketImpl: WebSocket, connectionParams: this.options.connectionParams, retryAttempts: 0, lazy: true });
    this.client = client;
    this.options.clients.add(client);
    let received = false;
    client.subscribe(
      {
        query: resumable?.operation ?? this.options.operation,
        variables: resumable ? { ...this.options.variables, [resumable.afterVariable]: this.after } : this.options.variables,
      },
      {
        next: (result) => {
          received = true;
          if (result.data) this.onEvent(result.data);
          else if (result.errors) {
            const errors = result.errors.map(toGraphQLError);
            this.chain = this.chain.then(() => this.broadcast(serializeResult({ errors })));
          }
        },
        complete: () => this.end(),
        error: (error: unknown) => {
          this.dispose(client);
          if (this.closed) return;
          // The subgraph refused the operation itself (not a dropped connection): say so, stop.
          if (Array.isArray(error)) return this.end(error.map(toGraphQLError));
          if (!resumable || attempt >= this.options.retries) return this.end([upstreamUnavailable(`Service ${this.options.serviceName} is unavailable`)]);
          this.options.logger.warn(`subscription upstream ${this.options.serviceName} dropped (${describe(error)}); resuming after ${this.after ?? "start"}`);
          setTimeout(() => this.connect(received ? 0 : attempt + 1), Math.min(5000, 100 * 2 ** attempt));
        },
      },
    );
  }
}

function toGraphQLError(error: { message: string; extensions?: Record<string, unknown> }): GraphQLError {
  return new GraphQLError(error.message, { extensions: error.extensions });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  // A close event (graphql-ws hands it over when the socket closes).
  const code = typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : 0;
  return code ? `close ${code}` : String(error);
}
