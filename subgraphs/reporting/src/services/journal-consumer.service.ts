import { callSubgraph, SERVICE_VIEWER, type Logger } from "@hub/kit";
import { projectTerritoriesAncestry } from "@hub/reference";
import type { DataSource } from "typeorm";

const JOURNAL_QUERY = `query Journal($after: String, $first: Int) {
  activities(after: $after, first: $first) {
    edges { node { id at project { id title status themes programmes phase budgetEuros createdAt owner { id } territory { id } territories { id } } } }
    pageInfo { hasNextPage }
  }
}`;

interface JournalPage {
  activities: {
    edges: {
      node: {
        id: string;
        at: string;
        project: {
          id: string;
          title: string;
          status: string;
          themes: string[];
          programmes: string[];
          phase: string;
          budgetEuros: number | null;
          createdAt: string;
          owner: { id: string };
          territory: { id: string };
          territories: { id: string }[];
        };
      };
    }[];
    pageInfo: { hasNextPage: boolean };
  };
}

export const CONSUMER_NAME = "projects-journal";

/**
 * Projects the projects subgraph's activity journal into `project_fact`, page by page; each
 * page's projections and the new offset are written in one transaction, so a crash replays
 * at most the page it was writing and nothing is counted twice (projections are upserts).
 */
export class JournalConsumer {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projectsUrl: string,
    private readonly secret: string,
    private readonly logger: Logger,
    private readonly pageSize = 500,
  ) {}

  /**
   * Resolves once a catch-up that started after this call has finished, so a reader sees every
   * activity committed before it asked. Concurrent callers share runs.
   */
  catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.catchUp();
      });
    return this.next;
  }

  /** Catches up, logging instead of failing: readers then get the last projection. */
  async catchUpQuietly(): Promise<void> {
    try {
      await this.catchUp();
    } catch (error) {
      this.logger.warn(`journal catch-up failed, serving the last projection: ${(error as Error).message}`);
    }
  }

  private async run(): Promise<void> {
    for (;;) {
      const offset = (await this.dataSource.query<{ last_id: string }[]>(`SELECT last_id FROM journal_offset WHERE name = $1`, [CONSUMER_NAME])).at(0);
      const after = offset?.last_id ?? "0";
      const page = await callSubgraph<JournalPage>(this.projectsUrl, this.secret, SERVICE_VIEWER, JOURNAL_QUERY, { after, first: this.pageSize });
      const edges = page.activities.edges;
      if (edges.length === 0) return;
      const latest = new Map<string, Record<string, unknown>>();
      for (const { node } of edges) {
        latest.set(node.project.id, {
          project_id: node.project.id,
          territory_ids: projectTerritoriesAncestry(node.project.territories.map((t) => t.id)) ?? node.project.territories.map((t) => t.id),
          territory_id: node.project.territory.id,
          title: node.project.title,
          status: node.project.status,
          themes: node.project.themes,
          programmes: node.project.programmes,
          phase: node.project.phase,
          owner_id: node.project.owner.id,
          budget: node.project.budgetEuros,
          created_at: node.project.createdAt,
          last_activity_at: node.at,
          last_activity_id: node.id,
        });
      }
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO project_fact (project_id, territory_id, territory_ids, title, status, themes, programmes, phase, owner_id, budget, created_at, last_activity_at, last_activity_id)
           SELECT project_id, territory_id, territory_ids, title, status, themes, programmes, phase, owner_id, budget, created_at, last_activity_at, last_activity_id
             FROM jsonb_to_recordset($1::jsonb) AS r(project_id uuid, territory_id text, territory_ids text[], title text, status text, themes text[], programmes text[],
               phase text, owner_id text, budget numeric, created_at timestamptz, last_activity_at timestamptz, last_activity_id bigint)
           ON CONFLICT (project_id) DO UPDATE SET territory_id = EXCLUDED.territory_id, territory_ids = EXCLUDED.territory_ids, title = EXCLUDED.title,
             status = EXCLUDED.status, themes = EXCLUDED.themes, programmes = EXCLUDED.programmes, phase = EXCLUDED.phase, owner_id = EXCLUDED.owner_id,
             budget = EXCLUDED.budget, last_activity_at = EXCLUDED.last_activity_at, last_activity_id = EXCLUDED.last_activity_id
           WHERE project_fact.last_activity_id < EXCLUDED.last_activity_id`,
          [JSON.stringify([...latest.values()])],
        );
        await manager.query(
          // Another replica may have gone further meanwhile: the offset never goes back.
          `INSERT INTO journal_offset (name, last_id) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_id = GREATEST(journal_offset.last_id, EXCLUDED.last_id)`,
          [CONSUMER_NAME, edges[edges.length - 1].node.id],
        );
      });
      if (!page.activities.pageInfo.hasNextPage) return;
    }
  }
}
