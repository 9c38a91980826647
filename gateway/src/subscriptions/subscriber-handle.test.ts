import { GraphQLError } from "graphql";
import { subscriberHandle, type Subscriber } from "./subscriber-handle";

/** A handle whose joins and leaves are recorded; `member` is the subscriber once joined. */
function recorded() {
  const log: string[] = [];
  let member: Subscriber | null = null;
  const handle = subscriberHandle(
    (json) => log.push(`deliver ${json}`),
    (subscriber) => {
      log.push("join");
      member = subscriber;
      return () => log.push("leave");
    },
  );
  return { handle, log, member: () => member! };
}

describe("subscriberHandle", () => {
  it("joins at the first next(), ends with the final error then done, and leaves once", async () => {
    const { handle, log, member } = recorded();
    expect(log).toEqual([]);
    const first = handle.next();
    await Promise.resolve();
    expect(log).toEqual(["join"]);
    member().deliver('{"data":1}');
    member().end([new GraphQLError("Service projects is unavailable")]);
    expect(await first).toEqual({ value: { errors: [expect.objectContaining({ message: "Service projects is unavailable" })] }, done: false });
    expect(await handle.next()).toEqual({ value: undefined, done: true });
    expect(log).toEqual(["join", 'deliver {"data":1}', "leave"]);
    member().end(); // a second end changes nothing
    expect(await handle.next()).toEqual({ value: undefined, done: true });
    expect(log.filter((line) => line === "leave")).toHaveLength(1);
  });

  it("ends without a value when ended without errors", async () => {
    const { handle, member } = recorded();
    const first = handle.next();
    await Promise.resolve();
    member().end();
    expect(await first).toEqual({ value: undefined, done: true });
  });

  it("leaves when graphql-ws returns it while it waits (the client completed or left)", async () => {
    const { handle, log } = recorded();
    const pending = handle.next();
    await Promise.resolve();
    expect(await handle.return()).toEqual({ value: undefined, done: true });
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(log).toEqual(["join", "leave"]);
  });

  it("never joins when returned before being iterated", async () => {
    const { handle, log } = recorded();
    await handle.return();
    expect(await handle.next()).toEqual({ value: undefined, done: true });
    expect(log).toEqual([]);
  });
});
