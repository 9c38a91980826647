import { authorize, canSeePersonalData, forbidden, isAuthenticated, notFound, PageArgs, unauthenticated, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { Person } from "../entities/person.entity";
import { identityOf } from "../services/identity.service";
import { listPeople, reactivatePerson, suspendPerson, visiblePerson } from "../services/person.service";
import { signInWithProConnect } from "../services/proconnect.service";
import { Identity, PeopleFilter, PersonConnection, ProConnectClaimsInput, SignInResult } from "../types/person.types";

/** Personal fields are null for viewers without access to personal data, except about themselves. */
function personal<T>(person: Person, context: Context, value: T): T | null {
  return context.viewer.personId === person.id || canSeePersonalData(context.viewer) ? value : null;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { description: "The signed-in person." })
  async me(@Ctx() { viewer, loaders }: Context): Promise<Person> {
    if (!isAuthenticated(viewer)) throw unauthenticated("Sign in to see your account");
    const person = viewer.personId ? await loaders.person.load(viewer.personId) : null;
    if (!person) throw forbidden("Only people have an account (not API keys)");
    return person;
  }

  @Query(() => Person, { description: "A person you may see: yourself, your colleagues, people of your département (State agents)." })
  async person(@Arg("id", () => ID) id: string, @Ctx() { viewer, loaders }: Context): Promise<Person> {
    authorize(viewer, "person:read");
    const person = await visiblePerson(loaders, viewer, id);
    if (!person) throw notFound(`No person ${id.slice(0, 60)}`);
    return person;
  }

  @Query(() => PersonConnection, {
    description: "Every account, pending and suspended ones included, by name (ANCT national agents: the administration of people). At most 100 per page, 20 by default.",
  })
  people(@Args() page: PageArgs, @Ctx() { viewer, dataSource }: Context, @Arg("filter", () => PeopleFilter, { nullable: true }) filter?: PeopleFilter): Promise<Connection<Person>> {
    return listPeople(dataSource, viewer, { first: page.first, after: page.after, search: filter?.search, organizationId: filter?.organizationId, status: filter?.status });
  }

  @Query(() => Identity, { nullable: true, description: "Internal: the identity behind an email, for the gateway only." })
  @Directive("@inaccessible")
  async identity(@Arg("email") email: string, @Ctx() { viewer, dataSource }: Context): Promise<Identity | null> {
    authorize(viewer, "identity:resolve");
    return await identityOf(dataSource, email);
  }

  @Mutation(() => SignInResult, { description: "Internal: a ProConnect sign-in, for the gateway only." })
  @Directive("@inaccessible")
  async signInWithProConnect(@Arg("claims", () => ProConnectClaimsInput) claims: ProConnectClaimsInput, @Ctx() { viewer, dataSource }: Context): Promise<SignInResult> {
    authorize(viewer, "identity:resolve");
    const outcome = await signInWithProConnect(dataSource, claims);
    if (!outcome.identity) return { identity: null, refusal: outcome.refusal };
    return { identity: outcome.identity, refusal: null };
  }

  @Mutation(() => Person, { description: "Suspends an account (ANCT national agents)." })
  suspendPerson(@Arg("id", () => ID) id: string, @Ctx() { viewer, dataSource, loaders }: Context): Promise<Person> {
    return suspendPerson(dataSource, loaders, viewer, id);
  }

  @Mutation(() => Person, { description: "Reactivates a suspended account (ANCT national agents): active again, or pending for an invitee who never signed in." })
  reactivatePerson(@Arg("id", () => ID) id: string, @Ctx() { viewer, dataSource, loaders }: Context): Promise<Person> {
    return reactivatePerson(dataSource, loaders, viewer, id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Full name; null for viewers who may not see personal data." })
  name(@Root() person: Person, @Ctx() context: Context): string | null {
    return personal(person, context, `${person.givenName} ${person.usualName}`);
  }

  @FieldResolver(() => String, { nullable: true })
  email(@Root() person: Person, @Ctx() context: Context): string | null {
    return personal(person, context, person.email);
  }

  @FieldResolver(() => String, { nullable: true })
  givenName(@Root() person: Person, @Ctx() context: Context): string | null {
    return personal(person, context, person.givenName);
  }

  @FieldResolver(() => String, { nullable: true })
  usualName(@Root() person: Person, @Ctx() context: Context): string | null {
    return personal(person, context, person.usualName);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "Their first organisation." })
  async organization(@Root() person: Person, @Ctx() { loaders }: Context): Promise<Organization | null> {
    const first = (await loaders.memberships.load(person.id)).at(0);
    return first ? loaders.organization.load(first.organizationId) : null;
  }

  @FieldResolver(() => [Membership], { description: "Their organisations, with their role in each." })
  memberships(@Root() person: Person, @Ctx() { loaders }: Context): Promise<Membership[]> {
    return loaders.memberships.load(person.id);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() membership: Membership, @Ctx() { loaders }: Context): Promise<Organization> {
    const organization = await loaders.organization.load(membership.organizationId);
    // membership.organization_id is a foreign key: a missing row is a broken database, not bad input.
    if (!organization) throw new Error(`membership of ${membership.personId}: organization ${membership.organizationId} not found`);
    return organization;
  }
}
