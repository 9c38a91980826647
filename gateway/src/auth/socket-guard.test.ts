import { ANONYMOUS, upstreamUnavailable, unauthenticated } from "@hub/kit";
import { EventEmitter } from "node:events";
import type { WebSocket } from "ws";
import type { Credential } from "./session";
import { SocketGuard } from "./socket-guard";

/** A socket that records how it was closed. */
class FakeSocket extends EventEmitter {
  closedWith: [number, string] | null = null;
  readonly closed = new Promise<[number, string]>((resolve) => this.once("close", () => resolve(this.closedWith!)));
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
    this.emit("close");
  }
}

const session = (expiresAt: number | null): Credential => ({ viewer: { ...ANONYMOUS, personId: "p", organizationId: "DDT:63", roles: ["STATE_AGENT"] }, expiresAt, apiKey: null, programme: null });

describe("SocketGuard", () => {
  const guards: SocketGuard[] = [];
  afterEach(() => guards.splice(0).forEach((guard) => guard.stop()));
  const guard = (authenticate: () => Promise<Credential>, intervalMs = 3_600_000) => {
    const created = new SocketGuard({ authenticate, intervalMs });
    guards.push(created);
    return created;
  };

  it("refuses a connection whose credential is refused", async () => {
    const socket = new FakeSocket();
    expect(await guard(() => Promise.reject(unauthenticated())).admit(socket as unknown as WebSocket, "Bearer x")).toBeNull();
  });

  it("closes the socket with 4403 at the first operation after the credential stops holding", async () => {
    let valid = true;
    const socket = new FakeSocket();
    const guarded = guard(() => (valid ? Promise.resolve(session(null)) : Promise.reject(unauthenticated())));
    expect(await guarded.admit(socket as unknown as WebSocket, "Bearer x")).toEqual(session(null));
    expect(await guarded.recheck(socket as unknown as WebSocket)).toBeNull();
    valid = false;
    const errors = await guarded.recheck(socket as unknown as WebSocket);
    expect(errors?.map((e) => [e.extensions.code, e.message])).toEqual([["UNAUTHENTICATED", "Your session has ended"]]);
    expect(await socket.closed).toEqual([4403, "Forbidden"]);
  });

  it("keeps the socket while people-territories cannot answer", async () => {
    const socket = new FakeSocket();
    let answer: () => Promise<Credential> = () => Promise.resolve(session(null));
    const guarded = guard(() => answer());
    await guarded.admit(socket as unknown as WebSocket, "Bearer x");
    answer = () => Promise.reject(upstreamUnavailable("Service people-territories is unavailable"));
    expect(await guarded.recheck(socket as unknown as WebSocket)).toBeNull();
    expect(socket.closedWith).toBeNull();
  });

  it("closes the socket when its session token expires", async () => {
    const socket = new FakeSocket();
    await guard(() => Promise.resolve(session(Date.now() + 50))).admit(socket as unknown as WebSocket, "Bearer x");
    expect(await socket.closed).toEqual([4403, "Session expired"]);
  });

  it("sweeps open sockets on its interval", async () => {
    let valid = true;
    const socket = new FakeSocket();
    await guard(() => (valid ? Promise.resolve(session(null)) : Promise.reject(unauthenticated())), 20).admit(socket as unknown as WebSocket, "Bearer x");
    valid = false;
    expect(await socket.closed).toEqual([4403, "Forbidden"]);
  });
});
