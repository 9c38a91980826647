import { authorize, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { DepartementProjectCount, ProjectMap } from "../types/project-map.types";
import { projectsWhere, type ProjectFilterData } from "./project-query.service";

const DEPARTEMENT = "DEPARTEMENT:";

/**
 * The map of projects: per département, how many projects the viewer may read match the filter
 * (the list's filter and visibility, `projectsWhere`), and how many in all, each project once.
 * One statement: the département ids of each project's territories, grouped by code and in total.
 */
export async function projectMap(dataSource: DataSource, viewer: Viewer, filter: ProjectFilterData): Promise<ProjectMap> {
  authorize(viewer, "project:read");
  const params: unknown[] = [];
  const matching = `SELECT p.id, p.territory_ids FROM project p WHERE ${projectsWhere(viewer, filter, params)}`;
  const rows = await dataSource.query<{ code: string | null; total: number; count: number }[]>(
    `SELECT d.code, GROUPING(d.code)::int AS total, count(DISTINCT v.id)::int AS count
       FROM (${matching}) v
       LEFT JOIN LATERAL (SELECT substr(t, ${DEPARTEMENT.length + 1}) AS code FROM unnest(v.territory_ids) t WHERE t LIKE '${DEPARTEMENT}%') d ON true
      GROUP BY GROUPING SETS ((d.code), ())`,
    params,
  );
  const departements: DepartementProjectCount[] = [];
  for (const { code, total, count } of rows) if (total === 0 && code !== null) departements.push({ code, departement: { id: `${DEPARTEMENT}${code}` }, count });
  departements.sort((a, b) => a.code.localeCompare(b.code));
  return { totalCount: rows.find((row) => row.total === 1)?.count ?? 0, departements };
}
