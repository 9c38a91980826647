import { Repeater } from "@repeaterjs/repeater";
import { deliverDirectly } from "./direct-delivery";

/** A source fed by the test: `emit` pushes an event, `finish` ends it; records its return. */
function source() {
  const state = { started: false, returned: false, push: null as ((value: number) => Promise<unknown>) | null, stop: null as ((error?: Error) => void) | null };
  const repeater = new Repeater<number>(async (push, stop) => {
    state.started = true;
    state.push = push;
    state.stop = stop;
    await stop;
    state.returned = true;
  });
  return { repeater, state };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("deliverDirectly", () => {
  it("sends each event serialised, in order, and ends when the source does", async () => {
    const { repeater, state } = source();
    const sent: string[] = [];
    const handle = deliverDirectly(
      repeater,
      (event) => Promise.resolve(`{"n":${String(event)}}`),
      (json) => sent.push(json),
    );
    const end = handle.next();
    await tick();
    for (const n of [1, 2, 3]) void state.push!(n);
    await tick();
    expect(sent).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    state.stop!();
    expect(await end).toEqual({ value: undefined, done: true });
  });

  it("reads the next event only once the previous one is serialised and sent (events never overtake one another)", async () => {
    const { repeater, state } = source();
    const sent: string[] = [];
    const pending: (() => void)[] = [];
    // The first event's serialisation is slow; the second is quick.
    const serialised: unknown[] = [];
    const serialise = (event: unknown) => {
      serialised.push(event);
      return new Promise<string>((resolve) => (event === 1 ? pending.push(() => resolve("one")) : resolve("two")));
    };
    const handle = deliverDirectly(repeater, serialise, (json) => sent.push(json));
    void handle.next();
    await tick();
    void state.push!(1);
    void state.push!(2);
    await tick();
    expect(sent).toEqual([]);
    expect(serialised).toEqual([1]); // the second is not read while the first is in progress
    pending[0]();
    await tick();
    expect(serialised).toEqual([1, 2]);
    expect(sent).toEqual(["one", "two"]);
    await handle.return();
  });

  it("ends with one error when serialising fails, and returns the source", async () => {
    const { repeater, state } = source();
    const handle = deliverDirectly(
      repeater,
      () => Promise.reject(new Error("boom")),
      () => {},
    );
    const first = handle.next();
    await tick();
    void state.push!(1);
    expect(await first).toEqual({ value: { errors: [expect.objectContaining({ message: "boom" })] }, done: false });
    expect(await handle.next()).toEqual({ value: undefined, done: true });
    expect(state.returned).toBe(true);
  });

  it("returns the source when returned while waiting for an event, and sends nothing after", async () => {
    const { repeater, state } = source();
    const sent: string[] = [];
    const handle = deliverDirectly(
      repeater,
      (event) => Promise.resolve(String(event)),
      (json) => sent.push(json),
    );
    const pending = handle.next();
    await tick();
    expect(await handle.return()).toEqual({ value: undefined, done: true });
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(state.returned).toBe(true);
    void state.push!(1);
    await tick();
    expect(sent).toEqual([]);
  });

  it("never starts the source when returned before being iterated", async () => {
    const { repeater, state } = source();
    const handle = deliverDirectly(
      repeater,
      (event) => Promise.resolve(String(event)),
      () => {},
    );
    await handle.return();
    expect(state.started).toBe(false);
  });
});
