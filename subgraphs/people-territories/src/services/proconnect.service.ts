import { ANONYMOUS, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { AccountStatus, Person } from "../entities/person.entity";
import { identityOfPerson, roleFor } from "./identity.service";

export interface ProConnectClaims {
  sub: string;
  email: string;
  givenName: string | null;
  usualName: string | null;
  siret: string | null;
}

export type SignInOutcome = { identity: Viewer; refusal: null } | { identity: null; refusal: "SUSPENDED" | "NO_ORGANIZATION" };

/**
 * A ProConnect sign-in: finds the person by `sub`, then by email (an invited, pending account
 * becomes active), else creates them; links them to the organisation of their SIRET (its own
 * SIRET, or the collectivité whose SIREN starts it) when they are not a member yet.
 */
export async function signInWithProConnect(dataSource: DataSource, claims: ProConnectClaims): Promise<SignInOutcome> {
  const email = claims.email.trim().toLowerCase();
  const person = await dataSource.transaction(async (manager) => {
    const people = manager.getRepository(Person);
    let person = (await people.findOneBy({ sub: claims.sub })) ?? (await people.findOneBy({ email }));
    if (person?.status === AccountStatus.SUSPENDED) return person;
    // ProConnect knows the current email: follow it, unless another account already uses it.
    if (person && person.email !== email && !(await people.findOneBy({ email }))) person.email = email;
    if (!person) {
      person = people.create({ email, givenName: claims.givenName ?? "", usualName: claims.usualName ?? "", status: AccountStatus.ACTIVE, sub: claims.sub });
    }
    person.sub ??= claims.sub;
    person.status = AccountStatus.ACTIVE;
    if (claims.givenName) person.givenName = claims.givenName;
    if (claims.usualName) person.usualName = claims.usualName;
    person = await people.save(person);
    if (claims.siret && /^\d{14}$/.test(claims.siret)) {
      const organization = await manager
        .getRepository(Organization)
        .createQueryBuilder("o")
        .where("o.siret = :siret OR o.id = :collectivite", { siret: claims.siret, collectivite: `COLLECTIVITE:${claims.siret.slice(0, 9)}` })
        .orderBy("o.siret = :siret", "DESC")
        .getOne();
      if (organization) {
        await manager
          .getRepository(Membership)
          .createQueryBuilder()
          .insert()
          .values({ personId: person.id, organizationId: organization.id, role: roleFor(organization) })
          .orIgnore()
          .execute();
      }
    }
    return person;
  });
  if (person.status === AccountStatus.SUSPENDED) return { identity: null, refusal: "SUSPENDED" };
  const identity = await identityOfPerson(dataSource, person);
  return identity ? { identity: { ...ANONYMOUS, ...identity }, refusal: null } : { identity: null, refusal: "NO_ORGANIZATION" };
}
