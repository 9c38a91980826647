import { callSubgraph, SERVICE_VIEWER } from "@hub/kit";
import { projectTerritoriesAncestry } from "@hub/reference";
import type { DataSource, EntityManager } from "typeorm";
import { NotificationFrequency } from "../entities/notification.entity";
import { audienceOf, digestDueAt, eventOf, ficheLink, messageOf, type Audience, type JournalEntry } from "../rules/notification-messages";

const JOURNAL_QUERY = `query Journal($after: String, $first: Int) {
  activities(after: $after, first: $first, filter: { kinds: [STATUS_CHANGED, ASSIGNED, COMMENT_ADDED, REMINDER_DUE] }) {
    edges { node { id at kind actorId internal
      details { ... on StatusChangeDetails { to assigneeIds } ... on ReminderDetails { weeksWithoutActivity openRecommendations { title status deadline } } }
      project { id title owner { id } territories { id } assignees { personId } actors { id } } } }
    pageInfo { hasNextPage }
  }
}`;

interface JournalNode {
  id: string;
  at: string;
  kind: string;
  actorId: string | null;
  internal: boolean;
  details: JournalEntry["details"];
  project: { id: string; title: string; owner: { id: string }; territories: { id: string }[]; assignees: { personId: string }[]; actors: { id: string }[] };
}

interface JournalPage {
  activities: { edges: { node: JournalNode }[]; pageInfo: { hasNextPage: boolean } };
}

export const CONSUMER_NAME = "notifications";
/** Any constant: only one replica reads the journal into the outbox at a time. */
const CONSUMER_LOCK = 7_414_002;

export interface ConsumerOptions {
  projectsUrl: string;
  secret: string;
  publicUrl: string;
  digestHour: number;
  pageSize?: number;
}

/**
 * Reads the projects journal into the outbox, page by page. Each page runs in one transaction
 * holding an advisory lock (one replica at a time): the notifications it enqueues and the new
 * offset commit together, so a crash replays the page and `UNIQUE (person_id, activity_id)`
 * makes the replay enqueue nothing twice. Activities before the consumer's first start are
 * skipped (demo data and history are not news). Returns how many notifications were enqueued.
 */
export async function consumeJournal(dataSource: DataSource, options: ConsumerOptions): Promise<number> {
  await dataSource.query(`INSERT INTO journal_offset (name, last_id) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`, [CONSUMER_NAME]);
  let enqueued = 0;
  for (;;) {
    const page = await dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>("SELECT pg_try_advisory_xact_lock($1) AS locked", [CONSUMER_LOCK]);
      if (!locked) return { more: false, enqueued: 0 };
      const [offset] = await manager.query<{ last_id: string; started_at: Date }[]>(`SELECT last_id::text AS last_id, started_at FROM journal_offset WHERE name = $1`, [CONSUMER_NAME]);
      const journal = await callSubgraph<JournalPage>(options.projectsUrl, options.secret, SERVICE_VIEWER, JOURNAL_QUERY, { after: offset.last_id, first: options.pageSize ?? 200 });
      const edges = journal.activities.edges;
      if (edges.length === 0) return { more: false, enqueued: 0 };
      let count = 0;
      for (const { node } of edges) {
        if (new Date(node.at) < new Date(offset.started_at)) continue;
        count += await enqueue(manager, entryOf(node), options);
      }
      await manager.query(`UPDATE journal_offset SET last_id = GREATEST(last_id, $2) WHERE name = $1`, [CONSUMER_NAME, edges[edges.length - 1].node.id]);
      return { more: journal.activities.pageInfo.hasNextPage, enqueued: count };
    });
    enqueued += page.enqueued;
    if (!page.more) return enqueued;
  }
}

function entryOf(node: JournalNode): JournalEntry {
  return {
    id: node.id,
    at: node.at,
    kind: node.kind,
    actorId: node.actorId,
    internal: node.internal,
    details: node.details,
    project: {
      id: node.project.id,
      title: node.project.title,
      ownerId: node.project.owner.id,
      territoryIds: node.project.territories.map((t) => t.id),
      assigneeIds: node.project.assignees.map((a) => a.personId),
      actorOrganizationIds: node.project.actors.map((a) => a.id),
    },
  };
}

/** Enqueues one activity's notifications, one per person of its audience (active accounts, not its author). */
async function enqueue(manager: EntityManager, entry: JournalEntry, options: ConsumerOptions): Promise<number> {
  const event = eventOf(entry);
  if (!event) return 0;
  const territories = projectTerritoriesAncestry(entry.project.territoryIds) ?? entry.project.territoryIds;
  const departements = territories.filter((id) => id.startsWith("DEPARTEMENT:")).map((id) => id.slice("DEPARTEMENT:".length));
  const audience = audienceOf(event, entry, departements);
  const { subject, text } = messageOf(event, entry.project.title, entry.details);
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO notification (person_id, activity_id, project_id, event, subject, text, link, digest, due_at)
     SELECT r.id, $1, $2, $3, $4, $5, $6, r.notification_frequency = $7, CASE WHEN r.notification_frequency = $7 THEN $8::timestamptz ELSE now() END
       FROM (${AUDIENCE_SQL}) AS r
     ON CONFLICT (person_id, activity_id) DO NOTHING RETURNING id`,
    [
      entry.id,
      entry.project.id,
      event,
      subject,
      text,
      ficheLink(options.publicUrl, entry.project.id),
      NotificationFrequency.DAILY_DIGEST,
      digestDueAt(new Date(), options.digestHour),
      ...audienceParams(audience, entry.actorId),
    ],
  );
  return inserted.length;
}

/** The active people of an audience ($9 persons, $10 organisations, $11 départements of State agents, $12 State only, $13 the author, left out). */
const AUDIENCE_SQL = `SELECT DISTINCT p.id, p.notification_frequency
  FROM person p
  JOIN membership m ON m.person_id = p.id
  JOIN organization o ON o.id = m.organization_id
  LEFT JOIN territory t ON t.id = o.territory_id
 WHERE p.status = 'ACTIVE' AND p.id IS DISTINCT FROM $13::uuid
   AND (p.id = ANY($9::uuid[]) OR m.organization_id = ANY($10::text[]) OR (m.role = 'STATE_AGENT' AND t.departement_code = ANY($11::text[])))
   AND (NOT $12::boolean OR m.role IN ('STATE_AGENT', 'ANCT_NATIONAL'))`;

function audienceParams(audience: Audience, authorId: string | null): unknown[] {
  return [audience.personIds, audience.organizationIds, audience.stateDepartements, audience.stateOnly, authorId];
}
