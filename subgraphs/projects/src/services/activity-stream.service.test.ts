import { SERVICE_VIEWER } from "@hub/kit";
import type { DataSource } from "typeorm";
import { activityStream } from "./activity-stream.service";
import type { FeedEntry, JournalFeed } from "./journal-feed.service";

/** A journal feed the test drives: `emit` hands entries to every listener, as JournalFeed does. */
class FakeFeed {
  readonly listeners = new Set<(entries: FeedEntry[]) => void>();
  position = "10";
  subscribe(listener: (entries: FeedEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(...ids: number[]): void {
    for (const listener of this.listeners) listener(ids.map(entry));
  }
}

const PROJECT = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
function entry(id: number): FeedEntry {
  return {
    id: String(id),
    projectId: id % 2 === 0 ? OTHER : PROJECT,
    territoryIds: ["COMMUNE:63113"],
    ownerId: "o",
    status: "SUBMITTED",
    actorOrganizations: [],
    internal: false,
  } as unknown as FeedEntry;
}

/** What `run` throws (typed `unknown`, for `toMatchObject`); an error of its own if it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const noDatabase = {} as DataSource;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("activityStream (live part)", () => {
  it("checks its arguments at once, before joining the feed", () => {
    const feed = new FakeFeed();
    expect(thrownBy(() => activityStream(noDatabase, feed as unknown as JournalFeed, SERVICE_VIEWER, { projectId: "nope" }))).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(feed.listeners.size).toBe(0);
  });

  it("joins the feed when first read; yields the matching entries beyond its start, in order, each once", async () => {
    const feed = new FakeFeed();
    const stream = activityStream(noDatabase, feed as unknown as JournalFeed, SERVICE_VIEWER, { projectId: PROJECT });
    expect(feed.listeners.size).toBe(0);
    const first = stream.next();
    await tick();
    expect(feed.listeners.size).toBe(1);
    feed.emit(9, 11, 12, 13); // 9 is before the feed's position; 12 is another project's
    feed.emit(13, 15); // 13 again: not twice
    const ids = [(await first).value!.id];
    for (let i = 0; i < 2; i++) ids.push((await stream.next()).value!.id);
    expect(ids).toEqual(["11", "13", "15"]);
    await stream.return();
    expect(feed.listeners.size).toBe(0);
  });

  it("keeps a backlog far beyond a Repeater's 1,024 pending pushes without throwing in the feed", async () => {
    const feed = new FakeFeed();
    const stream = activityStream(noDatabase, feed as unknown as JournalFeed, SERVICE_VIEWER, {});
    void stream.next();
    await tick();
    const ids = Array.from({ length: 3000 }, (_, i) => 11 + i);
    expect(() => feed.emit(...ids)).not.toThrow();
    let count = 1;
    let last = "";
    while (count < ids.length) {
      last = (await stream.next()).value!.id;
      count++;
    }
    expect(last).toBe(String(ids.at(-1)));
    await stream.return();
  });

  it("leaves the feed when returned while waiting for an entry, and never joins when returned first", async () => {
    const feed = new FakeFeed();
    const stream = activityStream(noDatabase, feed as unknown as JournalFeed, SERVICE_VIEWER, {});
    const pending = stream.next();
    await tick();
    expect(feed.listeners.size).toBe(1);
    expect(await stream.return()).toEqual({ value: undefined, done: true });
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(feed.listeners.size).toBe(0);

    const unread = activityStream(noDatabase, feed as unknown as JournalFeed, SERVICE_VIEWER, {});
    await unread.return();
    expect(feed.listeners.size).toBe(0);
  });
});
