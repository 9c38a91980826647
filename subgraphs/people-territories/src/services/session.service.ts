import { badInput, isUuid, PERSON_ROLES } from "@hub/kit";
import type { DataSource } from "typeorm";

export interface SessionFacts {
  personId: string;
  organizationId: string;
  role: string;
}

/** The most sessions checked in one call. */
export const MAX_SESSION_CHECKS = 1000;

/**
 * Whether each session still holds: its person is ACTIVE and still a member of its organisation
 * with its role, a role a person may hold. One statement for all of them, in input order.
 */
export async function sessionStatus(dataSource: DataSource, sessions: SessionFacts[]): Promise<boolean[]> {
  if (sessions.length > MAX_SESSION_CHECKS) throw badInput(`at most ${MAX_SESSION_CHECKS} sessions per call`, "sessions");
  const valid = sessions.map((s) => isUuid(s.personId));
  const asked = sessions.filter((_, i) => valid[i]);
  if (asked.length === 0) return sessions.map(() => false);
  const rows = await dataSource.query<{ current: boolean }[]>(
    `SELECT k.i, EXISTS (
         SELECT 1 FROM person p JOIN membership m ON m.person_id = p.id
          WHERE p.id = k.person AND p.status = 'ACTIVE' AND m.organization_id = k.organization AND m.role = k.role AND m.role = ANY($4::text[])
       ) AS current
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS k(person, organization, role, i)
      ORDER BY k.i`,
    [asked.map((s) => s.personId), asked.map((s) => s.organizationId), asked.map((s) => s.role), PERSON_ROLES],
  );
  let next = 0;
  return sessions.map((_, i) => (valid[i] ? rows[next++].current : false));
}
