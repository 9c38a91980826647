import { readJournal } from "@hub/kit";
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

export const CONSUMER_NAME = "notifications";
/** Serialises the replicas reading the journal into the outbox (held until the page's transaction ends). */
const CONSUMER_LOCK = `people-territories:${CONSUMER_NAME}`;

export interface ConsumerOptions {
  projectsUrl: string;
  secret: string;
  publicUrl: string;
  digestHour: number;
  pageSize?: number;
}

/**
 * Reads the projects journal into the outbox with the kit's `readJournal`: each page is read
 * from the offset, then in one transaction holding the advisory lock (one replica at a time) the
 * offset is checked, the notifications enqueued and the new offset stored, so a crash replays the
 * page and `UNIQUE (person_id, activity_id)` makes the replay enqueue nothing twice. Activities
 * before the consumer's first start (`started_at` of its offset row, written here on the first
 * run) are skipped: demo data and history are not news. Returns how many notifications were enqueued.
 */
export async function consumeJournal(dataSource: DataSource, options: ConsumerOptions): Promise<number> {
  await dataSource.query(`INSERT INTO journal_offset (name, last_id) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`, [CONSUMER_NAME]);
  let enqueued = 0;
  await readJournal<JournalNode>({
    dataSource,
    name: CONSUMER_NAME,
    lock: CONSUMER_LOCK,
    projectsUrl: options.projectsUrl,
    secret: options.secret,
    query: JOURNAL_QUERY,
    pageSize: options.pageSize ?? 200,
    apply: async (manager, nodes) => {
      const [{ started_at: startedAt }] = await manager.query<{ started_at: Date }[]>(`SELECT started_at FROM journal_offset WHERE name = $1`, [CONSUMER_NAME]);
      for (const node of nodes) {
        if (new Date(node.at) < new Date(startedAt)) continue;
        enqueued += await enqueue(manager, entryOf(node), options);
      }
    },
  });
  return enqueued;
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
