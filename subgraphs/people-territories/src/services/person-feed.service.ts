import { asServiceWork, authorize, isUuid, PgListener, type Logger, type Viewer } from "@hub/kit";
import { Repeater } from "@repeaterjs/repeater";
import type { DataSource, EntityManager } from "typeorm";
import { Person } from "../entities/person.entity";

/** The NOTIFY channel of changed accounts (payload: the person's id), heard by every replica at commit. */
export const PERSON_CHANNEL = "hub_person_changed";

/**
 * Announces that an account changed, in the transaction `manager` runs that changes it: NOTIFY is
 * delivered when that transaction commits, and never if it rolls back.
 */
export async function announcePersonChanged(manager: EntityManager, personId: string): Promise<void> {
  await manager.query("SELECT pg_notify($1, $2)", [PERSON_CHANNEL, personId]);
}

/**
 * The changed accounts of one replica: a dedicated connection (the kit's PgListener) hears the
 * changes committed by any replica, each person is read once, as committed, and the same object
 * is handed to every subscriber (so the subscription's execution is shared), in the order the
 * changes were heard. Changes committed while the connection was down are not replayed: the
 * web app reads its lists again when its subscription starts again.
 */
export class PersonFeed {
  private readonly listeners = new Set<(person: Person) => void>();
  private readonly listener: PgListener;
  /** The reads of the persons heard, one after the other. */
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.listener = new PgListener({ databaseUrl, channel: PERSON_CHANNEL, logger, name: "person feed", onNotification: (id) => this.heard(id) });
  }

  async start(): Promise<void> {
    await this.listener.start();
  }

  subscribe(listener: (person: Person) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    await this.listener.stop();
    await this.reading;
  }

  private heard(id: string): void {
    if (!isUuid(id) || this.listeners.size === 0) return;
    this.reading = this.reading.then(async () => {
      try {
        const person = await asServiceWork(() => this.dataSource.getRepository(Person).findOneBy({ id }));
        if (person) for (const listener of this.listeners) listener(person);
      } catch (error) {
        this.logger.warn(`person feed read of ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
}

/**
 * The accounts changed from now on, for the viewers allowed to read `people` (ANCT national
 * agents; the same check, made at once: a refusal is the subscription's error). The feed is
 * joined when the stream is first read, and left when it is returned, even while it waits.
 */
export function personChanges(feed: PersonFeed, viewer: Viewer): Repeater<Person, void> {
  authorize(viewer, "person:administer");
  return new Repeater<Person, void>(async (push, stop) => {
    // The feed's listener must never block: persons wait here while the subscriber reads.
    const backlog: Person[] = [];
    let arrived: (() => void) | null = null;
    const unsubscribe = feed.subscribe((person) => {
      backlog.push(person);
      arrived?.();
    });
    const state = { stopped: false };
    void stop.then(() => (state.stopped = true));
    try {
      while (!state.stopped) {
        const person = backlog.shift();
        if (!person) {
          await Promise.race([new Promise<void>((resolve) => (arrived = resolve)), stop]);
          arrived = null;
          continue;
        }
        await push(person);
      }
    } finally {
      unsubscribe();
    }
  });
}
