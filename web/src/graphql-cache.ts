import { cacheExchange, type Cache, type Data, type KeyingConfig, type UpdatesConfig } from '@urql/exchange-graphcache';
import { PEOPLE_QUERY } from './administration-operations';
import { EMBEDDED_TYPES, KEY_FIELDS } from './cache-keys';
import { INBOX_QUERY, INBOX_ROW_FIELDS, type InboxData, type InboxNode } from './inbox-query';
import { PROJECT_LIST_FIELDS, PROJECT_LIST_QUERY } from './project-list-query';

/** The statuses of the inbox's projects (the API's `inbox`). */
const INBOX_STATUSES: ReadonlySet<string> = new Set(['SUBMITTED', 'QUALIFIED']);
/** The inbox's order: highest priority first (none last), then the oldest submission. */
const PRIORITY_RANK: Readonly<Record<string, number>> = { HIGH: 0, NORMAL: 1, LOW: 2 };
const rankOf = (node: InboxNode) => (node.priority ? (PRIORITY_RANK[node.priority] ?? 3) : 3);
const submittedOf = (node: InboxNode) => Date.parse(node.submittedAt ?? node.createdAt);
const inboxOrder = (a: InboxNode, b: InboxNode) => rankOf(a) - rankOf(b) || submittedOf(a) - submittedOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A filter with a criterion: which projects it keeps is the server's to say (territories, themes...). */
function hasCriterion(filter: unknown): boolean {
  return typeof filter === 'object' && filter !== null && Object.values(filter).some((value) => value !== undefined && value !== null && value !== '');
}

/**
 * An event's project, as the cache now holds it, in each inbox read so far. A project already
 * listed moves to its new place, or leaves when its status leaves the inbox, in place. One that
 * is not listed and may belong (submitted or qualified), or a change in a filtered inbox or one
 * with more pages, makes that inbox stale: graphcache reads it again (the server decides who sees
 * what and what a filter keeps), the rest of the page untouched.
 */
function updateInboxes(cache: Cache, projectId: string): void {
  const project = cache.readFragment(INBOX_ROW_FIELDS, { __typename: 'Project', id: projectId });
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'inbox') continue;
    const variables = field.arguments as { first: number; filter?: Record<string, unknown> | null };
    const data: InboxData | null = cache.readQuery({ query: INBOX_QUERY, variables });
    if (!data) continue;
    const listed = data.inbox.edges.some((edge) => edge.node.id === projectId);
    const belongs = project !== null && INBOX_STATUSES.has(project.status);
    if (!listed && !belongs) continue;
    if (!project || hasCriterion(variables.filter) || (!listed && belongs) || (listed && !belongs && data.inbox.pageInfo.hasNextPage)) {
      cache.invalidate('Query', 'inbox', field.arguments);
      continue;
    }
    cache.updateQuery({ query: INBOX_QUERY, variables }, (current) => {
      if (!current) return current;
      const edges = current.inbox.edges.filter((edge) => INBOX_STATUSES.has(edge.node.status)).sort((a, b) => inboxOrder(a.node, b.node));
      return { ...current, inbox: { ...current.inbox, edges } };
    });
  }
}

/**
 * An event's project in each list of projects read so far ("Mes projets", `Query.projects`, newest
 * created first). Listed in a list without criterion: nothing to do, its fields are already
 * written and its place (its creation) does not change. Otherwise the list is made stale and
 * graphcache reads it alone again (the server decides what the viewer sees and what a filter
 * keeps): a project not listed that may belong (created, newly visible: before the last row
 * shown, or the list is complete), or a listed one in a filtered list it may have left.
 */
function updateProjectLists(cache: Cache, projectId: string): void {
  const project = cache.readFragment(PROJECT_LIST_FIELDS, { __typename: 'Project', id: projectId });
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'projects') continue;
    const variables = field.arguments as { first: number; after?: string | null; filter?: Record<string, unknown> | null };
    const data = cache.readQuery({ query: PROJECT_LIST_QUERY, variables: { first: variables.first, after: variables.after ?? null, filter: variables.filter ?? null } });
    if (!data) continue;
    const edges = data.projects.edges;
    const listed = edges.some((edge) => edge.node.id === projectId);
    if (listed && !hasCriterion(variables.filter)) continue;
    const last = edges.at(-1)?.node;
    const older = project !== null && last !== undefined && data.projects.pageInfo.hasNextPage && Date.parse(project.createdAt) < Date.parse(last.createdAt);
    if (!listed && older) continue;
    cache.invalidate('Query', 'projects', field.arguments);
  }
}

/** Every result of the root field `name` read so far is stale: read again by the queries that show it. */
function invalidateAll(cache: Cache, name: string): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === name) cache.invalidate('Query', name, field.arguments);
  }
}

/** Every list of people read so far is stale: an invitation adds one, a suspension may take one out of a status filter. */
const invalidatePeople = (cache: Cache) => invalidateAll(cache, 'people');

/**
 * A changed person (personChanged: another administrator's change, an invitation, a first
 * sign-in), already written in the cache, in each list of people read so far. Listed in a list
 * without criterion: nothing to do, the row shows its new state in place (its place, by name,
 * does not change with its status). Otherwise the list is made stale and graphcache reads it
 * alone again (the server decides what a filter keeps and where a name falls): a person not
 * listed (a new invitation, or a change of one beyond the pages shown), or a listed one in a
 * filtered list it may have left.
 */
function updatePeopleLists(cache: Cache, personId: string): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'people') continue;
    const variables = field.arguments as { filter?: Record<string, unknown> | null; first?: number | null; after?: string | null };
    const data = cache.readQuery({ query: PEOPLE_QUERY, variables: { filter: variables.filter ?? null, first: variables.first ?? null, after: variables.after ?? null } });
    if (!data) continue;
    const listed = data.people.edges.some((edge) => edge.node.id === personId);
    if (listed && !hasCriterion(variables.filter)) continue;
    cache.invalidate('Query', 'people', field.arguments);
  }
}

const updates: UpdatesConfig = {
  Subscription: {
    /** An activity (the fiche's or the inbox's events): its project's fields are already written; the lists follow. */
    projectActivity(result: Data, _args, cache) {
      const activity = result.projectActivity as { project?: { id?: string } | null } | null;
      const projectId = activity?.project?.id;
      if (!projectId) return;
      updateInboxes(cache, projectId);
      updateProjectLists(cache, projectId);
      // Boards and maps count and place projects by status: those read so far are read again.
      invalidateAll(cache, 'projectBoard');
      invalidateAll(cache, 'projectMap');
      // How many inbox projects hold unread activity: counted by the server, read again.
      cache.invalidate('Query', 'inboxUnreadCount');
    },
    /** An account changed (the administration's people): its fields are already written; the lists follow. */
    personChanged(result: Data, _args, cache) {
      const personId = (result.personChanged as { id?: string } | null)?.id;
      if (personId) updatePeopleLists(cache, personId);
    },
  },
  Mutation: {
    /** A new project: the lists of projects are read again. */
    createProject: (_result, _args, cache) => invalidateAll(cache, 'projects'),
    invitePerson: (_result, _args, cache) => invalidatePeople(cache),
    suspendPerson: (_result, _args, cache) => invalidatePeople(cache),
    reactivatePerson: (_result, _args, cache) => invalidatePeople(cache),
    /** A message sent: the project's conversation is read again (it may have been empty: no comment to follow). */
    addComment(_result, args, cache) {
      const project = { __typename: 'Project', id: args.projectId as string };
      for (const field of cache.inspectFields(project)) {
        if (field.fieldName === 'comments') cache.invalidate(project, 'comments', field.arguments);
      }
    },
  },
};

/**
 * urql's normalised cache: each object with an id is stored once, so a change written by any
 * result (a query, a mutation, a subscription's event) shows wherever the object is shown.
 */
export function createCacheExchange() {
  const keys: KeyingConfig = {};
  for (const type of EMBEDDED_TYPES) keys[type] = () => null;
  for (const [type, field] of Object.entries(KEY_FIELDS)) keys[type] = (data) => (data[field] as string | undefined) ?? null;
  return cacheExchange({ keys, updates });
}
