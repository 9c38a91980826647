import type { Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Organization, OrganizationKind } from "../entities/organization.entity";
import { AccountStatus, Person } from "../entities/person.entity";

/**
 * What the gateway puts in a person's tokens: their organisation, role and territorial scope
 * (communes of a collectivité, départements of a State service). Null for an unknown or
 * inactive account.
 */
export async function identityOf(dataSource: DataSource, email: string): Promise<Viewer | null> {
  const person = await dataSource.getRepository(Person).findOneBy({ email: email.trim().toLowerCase() });
  if (!person || person.status !== AccountStatus.ACTIVE) return null;
  const organization = await dataSource.getRepository(Organization).findOneByOrFail({ id: person.organizationId });
  const scope = { departements: [] as string[], communes: [] as string[] };
  const territory = organization.territoryId;
  if (territory && organization.kind === OrganizationKind.COLLECTIVITE) {
    const rows: { code: string }[] = territory.startsWith("COMMUNE:")
      ? [{ code: territory.slice("COMMUNE:".length) }]
      : await dataSource.query(`SELECT t.code FROM territory_link l JOIN territory t ON t.id = l.child_id WHERE l.parent_id = $1 AND t.kind = 'COMMUNE'`, [territory]);
    scope.communes = rows.map((row) => row.code);
  } else if (territory?.startsWith("DEPARTEMENT:")) {
    scope.departements = [territory.slice("DEPARTEMENT:".length)];
  }
  return { personId: person.id, organizationId: organization.id, roles: [person.role], ...scope };
}
