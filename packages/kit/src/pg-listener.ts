import { Client } from "pg";
import type { Logger } from "./logger";

export interface PgListenerOptions {
  /** The database to LISTEN on (the subgraph's own URL). */
  databaseUrl: string;
  /** The NOTIFY channel: a plain SQL identifier (letters, digits, underscores). */
  channel: string;
  logger: Logger;
  /** Each notification's payload, as NOTIFY sent it (delivered at the notifying transaction's commit). */
  onNotification: (payload: string) => void;
  /**
   * After the connection was lost and opened again: notifications sent meanwhile are lost, so a
   * reader catches up here (re-reads what may have changed).
   */
  onReconnect?: () => void;
  /** What the logs call it ("journal feed"). */
  name?: string;
}

/**
 * One dedicated connection per replica that LISTENs on a channel: every replica hears what any
 * replica NOTIFYs, at commit (a rolled back transaction notifies nothing). A dropped connection
 * is re-opened, backing off up to 5 s, then `onReconnect` runs. `client` is that connection
 * while it is open, for the reads that follow a notification.
 */
export class PgListener {
  private current: Client | null = null;
  private closed = false;

  constructor(private readonly options: PgListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/i.test(options.channel)) throw new Error(`Invalid NOTIFY channel ${options.channel}`);
  }

  /** The listening connection, or null while it is being re-opened (or once stopped). */
  get client(): Client | null {
    return this.current;
  }

  /** Opens the connection and LISTENs; fails if the database cannot be reached. */
  async start(): Promise<Client> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    const client = this.current;
    this.current = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on("notification", (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload ?? "");
    });
    const lost = (reason: string) => {
      if (this.current !== client) return;
      this.options.logger.warn(`${this.options.name ?? this.options.channel} connection lost: ${reason}; reconnecting`);
      this.current = null;
      void client.end().catch(() => undefined);
      void this.reconnect();
    };
    client.on("error", (error) => lost(error.message));
    client.on("end", () => lost("closed by the server"));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error(`${this.options.name ?? this.options.channel} stopped`);
    }
    this.current = client;
    return client;
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.closed && !this.current; attempt++) {
      try {
        await this.connect();
        this.options.onReconnect?.();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }
}
