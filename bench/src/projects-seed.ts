// The data of inbox and subscriptions: 1,000 SUBMITTED projects in the Puy-de-Dôme, created by
// camille (Clermont-Ferrand) with createProject then SUBMIT, sent straight to the projects
// subgraph with her internal token (the same mutations the gateway would forward), 8 at a
// time. The hub keeps them in .data/bench-projects, so later runs find them and seed nothing.
import { performance } from "node:perf_hooks";
import { graphqlOnce } from "./scenarios";

export const CAMILLE = "camille.martin@clermont-ferrand.demo";
export const JULIEN = "julien.bernard@ddt63.demo";
/** Titles of the bench's projects start with this (to tell them from the demo projects). */
export const BENCH_TITLE_PREFIX = "Bench inbox ";
export const SEEDED_PROJECTS = 1000;
const SEED_CONCURRENCY = 8;
/** Pages of 50 read at most when listing the inbox (10,000 projects). */
const MAX_INBOX_PAGES = 200;
const MAX_SEED_ERRORS = 10;

const LIST = `query($after: String) { inbox(first: 50, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }`;
const COUNT = `query($after: String, $status: ProjectStatus) { projects(first: 100, after: $after, filter: { territoryId: "DEPARTEMENT:63", status: $status }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation($t: String!) { createProject(input: { title: $t, territoryId: "COMMUNE:63113", themes: ["eau"] }) { id version } }`;
const SUBMIT = `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id status } }`;

export interface InboxListing {
  /** Projects in julien's inbox (demo projects included). */
  total: number;
  /** The bench's projects among them, in inbox order. */
  benchIds: string[];
  /** `after` of each page of 50, in order (null for the first page). */
  pageCursors: (string | null)[];
}

type Headers = () => Record<string, string>;

/** Reads julien's whole inbox, 50 at a time, on the projects subgraph. */
export async function listInbox(projectsUrl: string, julien: Headers, timeoutMs: number): Promise<InboxListing> {
  const listing: InboxListing = { total: 0, benchIds: [], pageCursors: [] };
  let after: string | null = null;
  for (let page = 0; page < MAX_INBOX_PAGES; page++) {
    listing.pageCursors.push(after);
    const data = (await graphqlOnce(projectsUrl, julien(), LIST, { after }, timeoutMs)) as {
      inbox: { edges: { node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    for (const { node } of data.inbox.edges) {
      listing.total++;
      if (node.title.startsWith(BENCH_TITLE_PREFIX)) listing.benchIds.push(node.id);
    }
    if (!data.inbox.pageInfo.hasNextPage || !data.inbox.pageInfo.endCursor) return listing;
    after = data.inbox.pageInfo.endCursor;
  }
  console.log(`note: the inbox holds more than ${MAX_INBOX_PAGES * 50} projects; only the first ${MAX_INBOX_PAGES} pages are used`);
  return listing;
}

/**
 * The SUBMITTED and QUALIFIED projects of the Puy-de-Dôme julien may see, counted with
 * `projects` (another keyset): what paging through the inbox should reach.
 */
export async function countInboxCandidates(projectsUrl: string, julien: Headers, timeoutMs: number): Promise<number> {
  let total = 0;
  for (const status of ["SUBMITTED", "QUALIFIED"]) {
    let after: string | null = null;
    for (let page = 0; page < MAX_INBOX_PAGES; page++) {
      const data = (await graphqlOnce(projectsUrl, julien(), COUNT, { after, status }, timeoutMs)) as {
        projects: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
      total += data.projects.edges.length;
      if (!data.projects.pageInfo.hasNextPage || !data.projects.pageInfo.endCursor) break;
      after = data.projects.pageInfo.endCursor;
    }
  }
  return total;
}

export interface SeedReport {
  /** Projects created and submitted by this run (0 when the inbox already held enough). */
  created: number;
  seedMs: number;
  listing: InboxListing;
}

/** Creates and submits the bench projects missing from julien's inbox; lists the inbox again. */
export async function ensureSeeded(projectsUrl: string, camille: Headers, julien: Headers, timeoutMs: number): Promise<SeedReport> {
  let listing = await listInbox(projectsUrl, julien, timeoutMs);
  const missing = Math.max(0, SEEDED_PROJECTS - listing.benchIds.length);
  console.log(`inbox of ${JULIEN}: ${listing.total} projects, ${listing.benchIds.length} of them the bench's`);
  if (missing === 0) return { created: 0, seedMs: 0, listing };

  console.log(`seeding: ${missing} projects created and submitted by ${CAMILLE} on COMMUNE:63113, ${SEED_CONCURRENCY} at a time ...`);
  const started = performance.now();
  const errors: string[] = [];
  let next = 0;
  let created = 0;
  const first = listing.benchIds.length;
  const worker = async () => {
    while (next < missing && errors.length < MAX_SEED_ERRORS) {
      const title = `${BENCH_TITLE_PREFIX}${String(first + ++next).padStart(4, "0")}`;
      try {
        const made = (await graphqlOnce(projectsUrl, camille(), CREATE, { t: title }, timeoutMs)) as { createProject: { id: string } };
        await graphqlOnce(projectsUrl, camille(), SUBMIT, { id: made.createProject.id }, timeoutMs);
        if (++created % 250 === 0) console.log(`  ${created} / ${missing}`);
      } catch (error) {
        errors.push(`${title}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  const seedMs = performance.now() - started;
  if (errors.length > 0) throw new Error(`seeding failed (${errors.length} errors, ${created} projects submitted): ${errors.slice(0, 3).join("; ")}`);
  console.log(`seeded ${created} projects in ${(seedMs / 1000).toFixed(1)} s (${((2 * created * 1000) / seedMs).toFixed(0)} mutations/s)`);
  listing = await listInbox(projectsUrl, julien, timeoutMs);
  if (listing.benchIds.length < SEEDED_PROJECTS) throw new Error(`after seeding, the inbox holds ${listing.benchIds.length} of the bench's projects, not ${SEEDED_PROJECTS}`);
  return { created, seedMs, listing };
}
