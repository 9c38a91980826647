import { asServiceWork, journalOffset, lockJournal, readJournal, type Logger } from "@hub/kit";
import { projectTerritoriesAncestry } from "@hub/reference";
import type { DataSource, EntityManager } from "typeorm";
import { projectApplication, projectFact, type ApplicationFact, type Fact, type JournalEvent } from "../rules/fact-projection";
import { rollupDeltas } from "../rules/portfolio-buckets";
import { applyRollupDeltas, loadApplications, loadFacts, saveApplications, saveFacts } from "./fact-store.service";
import { refreshSummaries } from "./summary-store.service";

const JOURNAL_QUERY = `query ReportingJournal($after: String, $first: Int) {
  activities(after: $after, first: $first) {
    edges { node { id at kind
      details { ... on StatusChangeDetails { to } ... on ExternalDetails { payload } }
      project { id title status themes programmes phase budgetEuros createdAt submittedAt owner { id } actors { id } territory { id } territories { id } } } }
    pageInfo { hasNextPage }
  }
}`;

interface JournalNode {
  id: string;
  at: string;
  kind: string;
  details: { to?: string; payload?: string } | null;
  project: {
    id: string;
    title: string;
    status: string;
    themes: string[];
    programmes: string[];
    phase: string;
    budgetEuros: number | null;
    createdAt: string;
    submittedAt: string | null;
    owner: { id: string };
    actors: { id: string }[];
    territory: { id: string };
    territories: { id: string }[];
  };
}

export const CONSUMER_NAME = "projects-journal";

export interface JournalConsumerOptions {
  /** How often to look for new activities when nothing else wakes the consumer (default 5000 ms). */
  pollMs?: number;
  /** Activities per page of the journal (default 500, the journal's maximum). */
  pageSize?: number;
  /** Activities projected per transaction, read as pages, the next batch read ahead (default 5000). */
  batchSize?: number;
}

/** The journal offset, "0" before the first page. */
export function currentOffset(manager: Pick<EntityManager, "query">): Promise<string> {
  return journalOffset(manager, CONSUMER_NAME);
}

/** Serialises writers of the read model across replicas (held until the transaction ends). */
const READ_MODEL_LOCK = `reporting:${CONSUMER_NAME}`;

function eventOf(node: JournalNode): JournalEvent {
  let payload: Record<string, unknown> | null = null;
  if (node.details?.payload) {
    try {
      const parsed: unknown = JSON.parse(node.details.payload);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) payload = parsed as Record<string, unknown>;
    } catch {
      // The projects subgraph only stores JSON objects; anything else is ignored.
    }
  }
  const p = node.project;
  const territories = p.territories.map((t) => t.id);
  return {
    id: node.id,
    at: node.at,
    kind: node.kind,
    to: node.details?.to ?? null,
    payload,
    project: {
      id: p.id,
      title: p.title,
      status: p.status,
      themes: p.themes,
      programmes: p.programmes,
      phase: p.phase,
      budgetEuros: p.budgetEuros,
      createdAt: p.createdAt,
      submittedAt: p.submittedAt,
      ownerId: p.owner.id,
      actorOrganizationIds: p.actors.map((a) => a.id),
      territoryId: p.territory.id,
      territoryIds: projectTerritoriesAncestry(territories) ?? territories,
    },
  };
}

/**
 * Projects the projects subgraph's activity journal into the read model, in the background:
 * started with the server, it catches up at once (after any downtime), then whenever
 * `kick` is called (the live wake-up, `ActivityWake`) and every `pollMs` in case a wake-up is lost. Each batch
 * (`batchSize` activities, read as pages, the next batch read ahead) is projected, rolled up
 * and its offset stored in ONE transaction, under an advisory lock, after checking that the
 * offset is still the one the batch was read from: a batch is applied exactly once, whatever the replicas, crashes or
 * restarts. A replayed activity changes nothing either (facts keep their last activity id).
 */
export class JournalConsumer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly pollMs: number;
  private readonly pageSize: number;
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projectsUrl: string,
    private readonly secret: string,
    private readonly logger: Logger,
    options: JournalConsumerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 5000;
    this.pageSize = options.pageSize ?? 500;
    this.batchSize = options.batchSize ?? 5000;
  }

  start(): void {
    this.closed = false;
    this.timer ??= setInterval(() => void this.kick(), this.pollMs);
    this.timer.unref();
    void this.kick();
  }

  /** Stops looking for activities and waits for the batch being written, if any. */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Catches up now; concurrent calls share one run (and ask for one more after it). Never rejects: failures are logged. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = asServiceWork(() => this.catchUp())
      .catch((error: unknown) => this.logger.warn(`journal catch-up failed, serving the last projection: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.closed) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  /** Empties the read model and its offset (one transaction, under the lock); the journal is then replayed from zero in the background. */
  async rebuild(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockJournal(manager, READ_MODEL_LOCK);
      await manager.query(`TRUNCATE project_fact, funding_application_fact, portfolio_rollup, portfolio_histogram, portfolio_summary`);
      await manager.query(`INSERT INTO journal_offset (name, last_id) VALUES ($1, 0) ON CONFLICT (name) DO UPDATE SET last_id = 0`, [CONSUMER_NAME]);
    });
    this.logger.info("portfolio read model emptied: replaying the journal from zero");
    void this.kick();
  }

  /** Reads the journal until it is exhausted (`readJournal` of the kit: each batch, its projection and its offset in one transaction, under the read model's lock). */
  private async catchUp(): Promise<void> {
    await readJournal<JournalNode>({
      dataSource: this.dataSource,
      name: CONSUMER_NAME,
      lock: READ_MODEL_LOCK,
      projectsUrl: this.projectsUrl,
      secret: this.secret,
      query: JOURNAL_QUERY,
      pageSize: this.pageSize,
      batchSize: this.batchSize,
      apply: (manager, nodes) => project(manager, nodes.map(eventOf)),
      stopped: () => this.closed,
    });
  }
}

/** Projects one batch of the journal: facts, funding applications, the rollup deltas and the stored figures of the territories they touch (a project changed many times counts once, from its fact before the batch to its fact after). */
async function project(manager: EntityManager, events: JournalEvent[]): Promise<void> {
  const projectIds = [...new Set(events.map((e) => e.project.id))];
  const before = await loadFacts(manager, projectIds);
  const applications = await loadApplications(manager, projectIds);
  const facts = new Map(before);
  const changedApplications = new Map<string, ApplicationFact>();
  // Each project's applications by id (a batch holds thousands of events: no scan of them all per event).
  const byProject = new Map<string, Map<string, ApplicationFact>>();
  const applicationsOf = (projectId: string) => {
    let map = byProject.get(projectId);
    if (!map) byProject.set(projectId, (map = new Map<string, ApplicationFact>()));
    return map;
  };
  for (const application of applications.values()) applicationsOf(application.projectId).set(application.applicationId, application);
  for (const event of events) {
    const applicationId = typeof event.payload?.applicationId === "string" ? event.payload.applicationId : null;
    if (applicationId) {
      const previous = applications.get(applicationId);
      const next = projectApplication(previous, event);
      if (next && next !== previous) {
        applications.set(applicationId, next);
        changedApplications.set(applicationId, next);
        if (previous && previous.projectId !== next.projectId) applicationsOf(previous.projectId).delete(applicationId);
        applicationsOf(next.projectId).set(applicationId, next);
      }
    }
    const ofProject = [...applicationsOf(event.project.id).values()];
    facts.set(event.project.id, projectFact(facts.get(event.project.id), event, ofProject));
  }
  const changes = projectIds.map((id) => ({ before: before.get(id), after: facts.get(id) as Fact })).filter((c) => c.before !== c.after);
  await saveFacts(
    manager,
    changes.map((c) => c.after),
  );
  await saveApplications(manager, [...changedApplications.values()]);
  const deltas = rollupDeltas(changes);
  await applyRollupDeltas(manager, deltas);
  await refreshSummaries(manager, [...new Set(deltas.map((d) => d.territoryId))]);
}
