import { ANONYMOUS } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { AccountStatus, Person } from "../entities/person.entity";
import { identityOfPerson, roleFromSiret, type PersonIdentity } from "./identity.service";
import { announcePersonChanged } from "./person-feed.service";

export interface ProConnectClaims {
  sub: string;
  email: string;
  givenName: string | null;
  usualName: string | null;
  siret: string | null;
}

/**
 * Why a sign-in is refused: SUSPENDED account; SUB_MISMATCH, the email's account is linked to
 * another ProConnect identity; INVITATION_REQUIRED, the SIRET is a State service's, ANCT's or an
 * operator's, which only an invitation opens; NO_ORGANIZATION, no organisation at all.
 */
export type SignInRefusal = "SUSPENDED" | "SUB_MISMATCH" | "INVITATION_REQUIRED" | "NO_ORGANIZATION";

export type SignInOutcome = { identity: PersonIdentity; refusal: null } | { identity: null; refusal: SignInRefusal };

/** The organisation of a SIRET: its own SIRET, or the collectivité whose SIREN starts it. */
async function organizationOfSiret(manager: EntityManager, siret: string | null): Promise<Organization | null> {
  if (!siret || !/^\d{14}$/.test(siret)) return null;
  return manager
    .getRepository(Organization)
    .createQueryBuilder("o")
    .where("o.siret = :siret OR o.id = :collectivite", { siret, collectivite: `COLLECTIVITE:${siret.slice(0, 9)}` })
    .orderBy("o.siret = :siret", "DESC")
    .getOne();
}

/**
 * A ProConnect sign-in. The person is found by `sub`; else by email if that account has no
 * `sub` yet (it gets this one: an invited, pending account becomes active); an account linked
 * to another `sub` is refused (SUB_MISMATCH), never taken over by email. Someone unknown is
 * created only when their SIRET gives them a role on their own: a collectivité's (see
 * `roleFromSiret`); the SIRET of a State service, of ANCT or of an operator creates nothing,
 * since those roles come only from an invitation. Nothing is stored for a refused stranger.
 */
export async function signInWithProConnect(dataSource: DataSource, claims: ProConnectClaims): Promise<SignInOutcome> {
  const email = claims.email.trim().toLowerCase();
  const outcome = await dataSource.transaction(async (manager): Promise<{ person: Person; siretOnlyByInvitation: boolean } | SignInRefusal> => {
    const people = manager.getRepository(Person);
    let person = await people.findOneBy({ sub: claims.sub });
    if (!person) {
      person = await people.findOneBy({ email });
      // Another identity provider asserting this email is not enough to take the account over.
      if (person?.sub && person.sub !== claims.sub) return "SUB_MISMATCH";
    }
    if (person?.status === AccountStatus.SUSPENDED) return "SUSPENDED";
    const organization = await organizationOfSiret(manager, claims.siret);
    const role = organization ? roleFromSiret(organization) : null;
    if (!person) {
      if (!organization) return "NO_ORGANIZATION";
      if (!role) return "INVITATION_REQUIRED";
      person = people.create({ email, givenName: claims.givenName ?? "", usualName: claims.usualName ?? "", status: AccountStatus.ACTIVE, sub: claims.sub });
    }
    const before = person.id ? shownFields(person) : null;
    // ProConnect knows the current email: follow it, unless another account already uses it.
    if (person.email !== email && !(await people.findOneBy({ email }))) person.email = email;
    person.sub ??= claims.sub;
    person.status = AccountStatus.ACTIVE;
    if (claims.givenName) person.givenName = claims.givenName;
    if (claims.usualName) person.usualName = claims.usualName;
    person = await people.save(person);
    let changed = before !== shownFields(person);
    if (organization && role) {
      const joined = await manager
        .getRepository(Membership)
        .createQueryBuilder()
        .insert()
        .values({ personId: person.id, organizationId: organization.id, role })
        .orIgnore()
        .returning("person_id")
        .execute();
      if (Array.isArray(joined.raw) && joined.raw.length > 0) changed = true;
    }
    // A new account, a first sign-in (an invitee becomes active), a new name or organisation: the administration hears it.
    if (changed) await announcePersonChanged(manager, person.id);
    return { person, siretOnlyByInvitation: organization !== null && role === null };
  });
  if (typeof outcome === "string") return { identity: null, refusal: outcome };
  const identity = await identityOfPerson(dataSource, outcome.person);
  if (identity) return { identity: { ...ANONYMOUS, ...identity }, refusal: null };
  return { identity: null, refusal: outcome.siretOnlyByInvitation ? "INVITATION_REQUIRED" : "NO_ORGANIZATION" };
}

/** What a sign-in may change of an account that the administration shows, to compare before and after. */
function shownFields(person: Person): string {
  return JSON.stringify([person.email, person.sub, person.status, person.givenName, person.usualName]);
}
