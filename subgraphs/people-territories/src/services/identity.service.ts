import { ANONYMOUS, isPersonRole, type PersonRole, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Membership } from "../entities/membership.entity";
import { Organization, OrganizationKind } from "../entities/organization.entity";
import { AccountStatus, Person } from "../entities/person.entity";

/** A person's viewer: unlike a program's or the gateway's, it always has a person and an organisation. */
export type PersonIdentity = Viewer & { personId: string; organizationId: string };

/**
 * What the gateway puts in a person's tokens: their (first) organisation, role and territorial
 * scope (communes of a collectivité, départements of a State service). Null for an unknown or
 * inactive account, or one without organisation.
 */
export async function identityOf(dataSource: DataSource, email: string): Promise<PersonIdentity | null> {
  return identityOfPerson(dataSource, await dataSource.getRepository(Person).findOneBy({ email: email.trim().toLowerCase() }));
}

export async function identityOfPerson(dataSource: DataSource, person: Person | null): Promise<PersonIdentity | null> {
  if (!person || person.status !== AccountStatus.ACTIVE) return null;
  const membership = (await dataSource.getRepository(Membership).find({ where: { personId: person.id }, order: { createdAt: "ASC" }, take: 1 })).at(0);
  // A person holds a person role, never SERVICE or PROGRAMME, whatever a row says.
  if (!membership || !isPersonRole(membership.role)) return null;
  const organization = await dataSource.getRepository(Organization).findOneByOrFail({ id: membership.organizationId });
  return { ...ANONYMOUS, personId: person.id, organizationId: organization.id, roles: [membership.role], ...(await scopeOf(dataSource, organization)) };
}

/** The territorial scope of an organisation's members. */
async function scopeOf(dataSource: DataSource, organization: Organization): Promise<{ departements: string[]; communes: string[] }> {
  const territory = organization.territoryId;
  if (!territory) return { departements: [], communes: [] };
  if (organization.kind === OrganizationKind.COLLECTIVITE) {
    const rows: { code: string; departement_code: string | null }[] = territory.startsWith("COMMUNE:")
      ? await dataSource.query(`SELECT code, departement_code FROM territory WHERE id = $1`, [territory])
      : await dataSource.query(`SELECT t.code, t.departement_code FROM territory_link l JOIN territory t ON t.id = l.child_id WHERE l.parent_id = $1 AND t.kind = 'COMMUNE'`, [territory]);
    // Its départements: where the State agents who follow its projects work.
    const departements = [...new Set(rows.map((row) => row.departement_code).filter((d): d is string => d !== null))];
    return { departements, communes: rows.map((row) => row.code) };
  }
  const row = (await dataSource.query<{ departement_code: string | null }[]>(`SELECT departement_code FROM territory WHERE id = $1`, [territory])).at(0);
  return { departements: row?.departement_code ? [row.departement_code] : [], communes: [] };
}

/**
 * The role a member invited into an organisation gets (an ANCT délégation is State, scoped to
 * its département). Only an invitation gives it: ANCT:NATIONAL's members are invited by an ANCT
 * national agent (the only ones who may invite there), who thereby grants the national role.
 */
export function roleFor(organization: Pick<Organization, "kind" | "territoryId">): PersonRole {
  switch (organization.kind) {
    case OrganizationKind.COLLECTIVITE:
      return "COLLECTIVITE_AGENT";
    case OrganizationKind.PREFECTURE:
    case OrganizationKind.SOUS_PREFECTURE:
    case OrganizationKind.DDT:
      return "STATE_AGENT";
    case OrganizationKind.ANCT:
      return organization.territoryId ? "STATE_AGENT" : "ANCT_NATIONAL";
    case OrganizationKind.OPERATOR:
      return "EXPERT";
  }
}

/**
 * The role a ProConnect sign-in gives on the strength of a SIRET alone, without an invitation:
 * a collectivité's agents (their SIRET starts with its SIREN; they see their own projects).
 * Null for the State services, ANCT (national or délégation) and operators, whose roles reach
 * other organisations' projects and people: those are opened by an invitation from a colleague
 * already inscribed, or from an ANCT national agent.
 */
export function roleFromSiret(organization: Pick<Organization, "kind" | "territoryId">): PersonRole | null {
  return organization.kind === OrganizationKind.COLLECTIVITE ? roleFor(organization) : null;
}
