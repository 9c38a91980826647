import type { EntityManager } from "typeorm";
import type { ApplicationFact, Fact } from "../rules/fact-projection";
import { HISTOGRAM_DIMENSIONS, histogramIndex, type Bucket } from "../rules/portfolio-buckets";

/** The columns of project_fact, read as a `Fact` (dates as ISO strings, amounts as numbers). */
export const FACT_COLUMNS = `f.project_id::text AS "projectId", f.territory_id AS "territoryId", f.territory_ids AS "territoryIds", f.title, f.status, f.themes,
  f.programmes, f.phase, f.owner_id AS "ownerId", f.actor_organization_ids AS "actorOrganizationIds", f.budget::float8 AS budget,
  f.amount_requested::float8 AS "amountRequested", f.amount_granted::float8 AS "amountGranted", f.created_at AS "createdAt", f.submitted_at AS "submittedAt",
  f.qualified_at AS "qualifiedAt", f.assigned_at AS "assignedAt", f.funding_decided_at AS "fundingDecidedAt", f.last_activity_at AS "lastActivityAt",
  f.last_activity_id::text AS "lastActivityId"`;

type Row<T> = { [K in keyof T]: T[K] extends string | null ? string | Date | null : T[K] };

const iso = (value: string | Date | null): string | null => (value === null ? null : value instanceof Date ? value.toISOString() : value);
const isoOf = (value: string | Date | null): string => iso(value) ?? "";

/** A row selected with FACT_COLUMNS, as a Fact. */
export function factOf(row: Row<Fact>): Fact {
  return {
    ...(row as unknown as Fact),
    createdAt: isoOf(row.createdAt),
    submittedAt: iso(row.submittedAt),
    qualifiedAt: iso(row.qualifiedAt),
    assignedAt: iso(row.assignedAt),
    fundingDecidedAt: iso(row.fundingDecidedAt),
    lastActivityAt: isoOf(row.lastActivityAt),
  };
}

export async function loadFacts(manager: EntityManager, projectIds: string[]): Promise<Map<string, Fact>> {
  const rows = await manager.query<Row<Fact>[]>(`SELECT ${FACT_COLUMNS} FROM project_fact f WHERE f.project_id = ANY($1::uuid[])`, [projectIds]);
  return new Map(rows.map((row) => [String(row.projectId), factOf(row)]));
}

export async function loadApplications(manager: EntityManager, projectIds: string[]): Promise<Map<string, ApplicationFact>> {
  const rows = await manager.query<Row<ApplicationFact>[]>(
    `SELECT application_id AS "applicationId", project_id::text AS "projectId", procedure, dossier_number AS "dossierNumber", status,
       amount_requested::float8 AS "amountRequested", amount_granted::float8 AS "amountGranted", decided_at AS "decidedAt", last_activity_id::text AS "lastActivityId"
       FROM funding_application_fact WHERE project_id = ANY($1::uuid[])`,
    [projectIds],
  );
  return new Map(rows.map((row) => [String(row.applicationId), { ...(row as unknown as ApplicationFact), decidedAt: iso(row.decidedAt) }]));
}

export async function saveFacts(manager: EntityManager, facts: Fact[]): Promise<void> {
  if (facts.length === 0) return;
  const rows = facts.map((f) => ({
    project_id: f.projectId,
    territory_id: f.territoryId,
    territory_ids: f.territoryIds,
    title: f.title,
    status: f.status,
    themes: f.themes,
    programmes: f.programmes,
    phase: f.phase,
    owner_id: f.ownerId,
    actor_organization_ids: f.actorOrganizationIds,
    budget: f.budget,
    amount_requested: f.amountRequested,
    amount_granted: f.amountGranted,
    created_at: f.createdAt,
    submitted_at: f.submittedAt,
    qualified_at: f.qualifiedAt,
    assigned_at: f.assignedAt,
    funding_decided_at: f.fundingDecidedAt,
    last_activity_at: f.lastActivityAt,
    last_activity_id: f.lastActivityId,
  }));
  const columns = Object.keys(rows[0]);
  await manager.query(
    `INSERT INTO project_fact (${columns.join(", ")})
     SELECT ${columns.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS r(project_id uuid, territory_id text, territory_ids text[], title text, status text,
       themes text[], programmes text[], phase text, owner_id text, actor_organization_ids text[], budget numeric, amount_requested numeric, amount_granted numeric,
       created_at timestamptz, submitted_at timestamptz, qualified_at timestamptz, assigned_at timestamptz, funding_decided_at timestamptz,
       last_activity_at timestamptz, last_activity_id bigint)
     ON CONFLICT (project_id) DO UPDATE SET ${columns
       .filter((c) => c !== "project_id")
       .map((c) => `${c} = EXCLUDED.${c}`)
       .join(", ")}`,
    [JSON.stringify(rows)],
  );
}

export async function saveApplications(manager: EntityManager, applications: ApplicationFact[]): Promise<void> {
  if (applications.length === 0) return;
  await manager.query(
    `INSERT INTO funding_application_fact (application_id, project_id, procedure, dossier_number, status, amount_requested, amount_granted, decided_at, last_activity_id)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(application_id text, project_id uuid, procedure text, dossier_number text, status text,
       amount_requested numeric, amount_granted numeric, decided_at timestamptz, last_activity_id bigint)
     ON CONFLICT (application_id) DO UPDATE SET project_id = EXCLUDED.project_id, procedure = EXCLUDED.procedure, dossier_number = EXCLUDED.dossier_number,
       status = EXCLUDED.status, amount_requested = EXCLUDED.amount_requested, amount_granted = EXCLUDED.amount_granted, decided_at = EXCLUDED.decided_at,
       last_activity_id = EXCLUDED.last_activity_id`,
    [
      JSON.stringify(
        applications.map((a) => ({
          application_id: a.applicationId,
          project_id: a.projectId,
          procedure: a.procedure,
          dossier_number: a.dossierNumber,
          status: a.status,
          amount_requested: a.amountRequested,
          amount_granted: a.amountGranted,
          decided_at: a.decidedAt,
          last_activity_id: a.lastActivityId,
        })),
      ),
    ],
  );
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** Adds deltas to the rollups (the day histograms to `portfolio_histogram`), then removes the buckets they emptied. */
export async function applyRollupDeltas(manager: EntityManager, deltas: (Bucket & { territoryId: string })[]): Promise<void> {
  await applyHistogramDeltas(
    manager,
    deltas.filter((d) => HISTOGRAM_DIMENSIONS.includes(d.dimension)),
  );
  const rows = deltas.filter((d) => !HISTOGRAM_DIMENSIONS.includes(d.dimension));
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((d) => ({
      territory_id: d.territoryId,
      dimension: d.dimension,
      key: d.key,
      count: d.count,
      budget: cents(d.budget),
      amount_requested: cents(d.amountRequested),
      amount_granted: cents(d.amountGranted),
    })),
  );
  await manager.query(
    `INSERT INTO portfolio_rollup (territory_id, dimension, key, count, budget, amount_requested, amount_granted)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(territory_id text, dimension text, key text, count integer, budget numeric, amount_requested numeric, amount_granted numeric)
     ON CONFLICT (territory_id, dimension, key) DO UPDATE SET count = portfolio_rollup.count + EXCLUDED.count,
       budget = portfolio_rollup.budget + EXCLUDED.budget, amount_requested = portfolio_rollup.amount_requested + EXCLUDED.amount_requested,
       amount_granted = portfolio_rollup.amount_granted + EXCLUDED.amount_granted`,
    [json],
  );
  await manager.query(
    `DELETE FROM portfolio_rollup p USING jsonb_to_recordset($1::jsonb) AS r(territory_id text, dimension text, key text)
      WHERE p.territory_id = r.territory_id AND p.dimension = r.dimension AND p.key = r.key AND p.count = 0`,
    [json],
  );
}

/** Adds count deltas to the histograms: one update per territory and dimension, whatever the days it touches. */
async function applyHistogramDeltas(manager: EntityManager, deltas: (Bucket & { territoryId: string })[]): Promise<void> {
  const rows = new Map<string, { territory_id: string; dimension: string; idx: number[]; delta: number[] }>();
  for (const d of deltas) {
    if (d.count === 0) continue;
    const id = `${d.territoryId}\u0000${d.dimension}`;
    const row = rows.get(id) ?? { territory_id: d.territoryId, dimension: d.dimension, idx: [], delta: [] };
    row.idx.push(histogramIndex(d.dimension, d.key));
    row.delta.push(d.count);
    rows.set(id, row);
  }
  if (rows.size === 0) return;
  const json = JSON.stringify([...rows.values()]);
  await manager.query(
    `INSERT INTO portfolio_histogram (territory_id, dimension, counts)
     SELECT r.territory_id, r.dimension, '{}' FROM jsonb_to_recordset($1::jsonb) AS r(territory_id text, dimension text)
     ON CONFLICT (territory_id, dimension) DO NOTHING`,
    [json],
  );
  await manager.query(
    `UPDATE portfolio_histogram h SET counts = histogram_add(h.counts, r.idx, r.delta)
       FROM jsonb_to_recordset($1::jsonb) AS r(territory_id text, dimension text, idx int[], delta int[])
      WHERE h.territory_id = r.territory_id AND h.dimension = r.dimension`,
    [json],
  );
}
