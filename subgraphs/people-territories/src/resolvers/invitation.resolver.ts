import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Invitation } from "../entities/invitation.entity";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { Person } from "../entities/person.entity";
import { acceptInvitation, invitePerson } from "../services/invitation.service";
import { InvitePersonInput } from "../types/invitation.types";

@Resolver(() => Invitation)
export class InvitationResolver {
  @Mutation(() => Invitation, {
    description: "Invites a colleague: a new email gets a pending account in the organisation; an existing account gets an invitation it accepts itself. The answer is the same either way.",
  })
  invitePerson(@Arg("input", () => InvitePersonInput) input: InvitePersonInput, @Ctx() { viewer, dataSource }: Context): Promise<Invitation> {
    return invitePerson(dataSource, viewer, input);
  }

  @Mutation(() => Membership, { description: "Accepts one of your pending invitations (see `me { invitations }`)." })
  acceptInvitation(@Arg("id", () => ID) id: string, @Ctx() { viewer, dataSource }: Context): Promise<Membership> {
    return acceptInvitation(dataSource, viewer, id);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() invitation: Invitation, @Ctx() { loaders }: Context): Promise<Organization> {
    const organization = await loaders.organization.load(invitation.organizationId);
    // invitation.organization_id is a foreign key: a missing row is a broken database, not bad input.
    if (!organization) throw new Error(`invitation ${invitation.id}: organization ${invitation.organizationId} not found`);
    return organization;
  }
}

@Resolver(() => Person)
export class PersonInvitationsResolver {
  @FieldResolver(() => [Invitation], { nullable: true, description: "Your pending invitations, oldest first; null for anyone but yourself." })
  async invitations(@Root() person: Person, @Ctx() { viewer, loaders }: Context): Promise<Invitation[] | null> {
    return viewer.personId === person.id ? loaders.pendingInvitations.load(person.id) : null;
  }
}
