import type { Viewer } from "@hub/kit";
import { GraphQLError } from "graphql";
import type { WebSocket } from "ws";
import type { Authenticate, Credential } from "./session";

/** graphql-ws's close code for a connection whose credential is refused (Forbidden). */
export const CLOSE_FORBIDDEN = 4403;

interface Guarded {
  header: unknown;
  credential: Credential;
  expiry: NodeJS.Timeout | null;
}

export interface SocketGuardOptions {
  authenticate: Authenticate;
  /** How often every open socket's credential is re-checked (SESSION_CHECK_SECONDS). */
  intervalMs: number;
  /** Refreshes the session checks of these viewers at once before a sweep (one call for all). */
  refreshSessions?: (viewers: Viewer[]) => Promise<unknown>;
}

/**
 * Keeps a WebSocket's credential valid for as long as the socket is open: the credential of
 * connection_init is re-checked before each operation (through the same caches as HTTP) and by a
 * sweep every `intervalMs`; a session token closes its socket when it expires. A socket whose
 * person was suspended, whose API key was revoked or whose session expired is closed with 4403,
 * which ends its subscriptions.
 */
export class SocketGuard {
  private readonly sockets = new Map<WebSocket, Guarded>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly options: SocketGuardOptions) {
    this.sweep = setInterval(() => void this.recheckAll(), options.intervalMs);
    this.sweep.unref();
  }

  /** The credential of connection_init, or null to refuse the connection. */
  async admit(socket: WebSocket, header: unknown): Promise<Credential | null> {
    let credential: Credential;
    try {
      credential = await this.options.authenticate(header);
    } catch {
      return null;
    }
    const expiry = credential.expiresAt === null ? null : setTimeout(() => this.close(socket, "Session expired"), Math.max(0, credential.expiresAt - Date.now()));
    this.sockets.set(socket, { header, credential, expiry });
    socket.once("close", () => this.forget(socket));
    return credential;
  }

  /** Before an operation: null if the credential still holds, else the errors to answer (the socket is being closed). */
  async recheck(socket: WebSocket): Promise<readonly GraphQLError[] | null> {
    if (await this.stillValid(socket)) return null;
    return [new GraphQLError("Your session has ended", { extensions: { code: "UNAUTHENTICATED" } })];
  }

  /** Stops the sweep and the expiry timers (the sockets are closed by their server). */
  stop(): void {
    clearInterval(this.sweep);
    for (const socket of [...this.sockets.keys()]) this.forget(socket);
  }

  private async recheckAll(): Promise<void> {
    const guarded = [...this.sockets.values()];
    const sessions = guarded.filter((g) => g.credential.expiresAt !== null).map((g) => g.credential.viewer);
    if (sessions.length > 0 && this.options.refreshSessions) {
      // One call for every open session; an unreachable people-territories closes nothing.
      if (
        !(await this.options.refreshSessions(sessions).then(
          () => true,
          () => false,
        ))
      )
        return;
    }
    await Promise.all([...this.sockets.keys()].map((socket) => this.stillValid(socket)));
  }

  /** Re-authenticates a socket's credential; closes the socket (4403) when it no longer holds. */
  private async stillValid(socket: WebSocket): Promise<boolean> {
    const guarded = this.sockets.get(socket);
    if (!guarded) return false;
    try {
      await this.options.authenticate(guarded.header);
      return true;
    } catch (error) {
      // people-territories unreachable: keep the socket, the next check decides.
      if (error instanceof GraphQLError && error.extensions.code === "UPSTREAM_UNAVAILABLE") return true;
      this.close(socket, "Forbidden");
      return false;
    }
  }

  private close(socket: WebSocket, reason: string): void {
    this.forget(socket);
    socket.close(CLOSE_FORBIDDEN, reason);
  }

  private forget(socket: WebSocket): void {
    const guarded = this.sockets.get(socket);
    if (guarded?.expiry) clearTimeout(guarded.expiry);
    this.sockets.delete(socket);
  }
}
