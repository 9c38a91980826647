import { actsFor, authorize, badInput, conflict, forbidden, isAuthenticated, isUuid, notFound, unauthenticated, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Invitation } from "../entities/invitation.entity";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { AccountStatus, Person } from "../entities/person.entity";
import { roleFor } from "./identity.service";
import { announcePersonChanged } from "./person-feed.service";

export interface InviteData {
  email: string;
  givenName: string;
  usualName: string;
  organizationId: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

function name(value: string, field: string): string {
  const text = value.trim();
  if (text === "" || text.length > 100) throw badInput(`${field} must be 1 to 100 characters`, field);
  return text;
}

/**
 * Invites a colleague into an organisation (members into their own; ANCT national agents into
 * any). The answer is the same whether the email is new or known, and says nothing about an
 * existing account: a new email gets a pending account, already a member (the invitation is
 * accepted with the account); a known account gets a pending invitation that only its person
 * can accept. Inviting again someone who is a member, or invited, is the same CONFLICT.
 */
export async function invitePerson(dataSource: DataSource, viewer: Viewer, input: InviteData): Promise<Invitation> {
  authorize(viewer, "person:invite");
  const email = input.email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput("email is not a valid address", "email");
  const givenName = name(input.givenName, "givenName");
  const usualName = name(input.usualName, "usualName");
  if (!actsFor(viewer, input.organizationId)) throw forbidden("You can only invite colleagues of your own organisation");
  return dataSource.transaction(async (manager) => {
    const organization = await manager.getRepository(Organization).findOneBy({ id: input.organizationId });
    if (!organization) throw notFound(`No organisation ${input.organizationId.slice(0, 80)}`);
    const role = roleFor(organization);
    const people = manager.getRepository(Person);
    const invitations = manager.getRepository(Invitation);
    const alreadyThere = () => conflict(`${email} is already a member of, or invited to, ${organization.name}`);
    // Two invitations of one email at once: the second waits, then sees the first.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`invite:${email}`]);
    const known = await people.findOneBy({ email });
    if (!known) {
      const person = await people.save(people.create({ email, givenName, usualName, status: AccountStatus.PENDING, invitedBy: viewer.personId }));
      await manager.getRepository(Membership).insert({ personId: person.id, organizationId: organization.id, role });
      await announcePersonChanged(manager, person.id);
      return invitations.save(invitations.create({ personId: person.id, organizationId: organization.id, role, invitedBy: viewer.personId, acceptedAt: new Date() }));
    }
    if (await manager.getRepository(Membership).existsBy({ personId: known.id, organizationId: organization.id })) throw alreadyThere();
    const pending = await manager.query<unknown[]>(`SELECT 1 FROM invitation WHERE person_id = $1 AND organization_id = $2 AND accepted_at IS NULL`, [known.id, organization.id]);
    if (pending.length > 0) throw alreadyThere();
    await announcePersonChanged(manager, known.id);
    return invitations.save(invitations.create({ personId: known.id, organizationId: organization.id, role, invitedBy: viewer.personId, acceptedAt: null }));
  });
}

/** The signed-in person's pending invitation `id` becomes a membership. Anyone else's is NOT_FOUND. */
export async function acceptInvitation(dataSource: DataSource, viewer: Viewer, id: string): Promise<Membership> {
  if (!isAuthenticated(viewer)) throw unauthenticated("Sign in to accept an invitation");
  if (!viewer.personId) throw forbidden("Only people accept invitations (not API keys)");
  return dataSource.transaction(async (manager) => {
    const invitation = isUuid(id) ? await manager.getRepository(Invitation).findOne({ where: { id }, lock: { mode: "pessimistic_write" } }) : null;
    if (!invitation || invitation.personId !== viewer.personId || invitation.acceptedAt) throw notFound(`No pending invitation ${id.slice(0, 60)}`);
    invitation.acceptedAt = new Date();
    await manager.getRepository(Invitation).save(invitation);
    const memberships = manager.getRepository(Membership);
    await memberships.createQueryBuilder().insert().values({ personId: invitation.personId, organizationId: invitation.organizationId, role: invitation.role }).orIgnore().execute();
    await announcePersonChanged(manager, invitation.personId);
    return memberships.findOneByOrFail({ personId: invitation.personId, organizationId: invitation.organizationId });
  });
}
