import { hasRole, requireAuthenticated, unauthenticated, forbidden } from "@hub/kit";
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root, Directive } from "type-graphql";
import type { Context } from "../context";
import { Organization } from "../entities/organization.entity";
import { Person } from "../entities/person.entity";
import { identityOf } from "../services/identity.service";

/** What the gateway needs to sign a session: not part of the public API. */
@ObjectType()
@Directive("@inaccessible")
export class Identity {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String])
  departements!: string[];

  @Field(() => [String])
  communes!: string[];
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { description: "The signed-in person." })
  async me(@Ctx() { viewer, loaders }: Context): Promise<Person> {
    const person = viewer.personId ? await loaders.person.load(viewer.personId) : null;
    if (!person) throw unauthenticated("Sign in to see your account");
    return person;
  }

  @Query(() => Identity, { nullable: true, description: "Internal: the identity behind an email, for the gateway only." })
  @Directive("@inaccessible")
  async identity(@Arg("email") email: string, @Ctx() { viewer, dataSource }: Context): Promise<Identity | null> {
    if (!hasRole(viewer, "SERVICE")) throw forbidden();
    const identity = await identityOf(dataSource, email);
    return identity && identity.personId && identity.organizationId ? { ...identity, personId: identity.personId, organizationId: identity.organizationId } : null;
  }

  @FieldResolver(() => String, { description: "Full name." })
  name(@Root() person: Person): string {
    return `${person.givenName} ${person.usualName}`;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() person: Person, @Ctx() { loaders, viewer }: Context): Promise<Organization> {
    requireAuthenticated(viewer);
    return (await loaders.organization.load(person.organizationId))!;
  }
}
