import { Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../context";
import { Person } from "../entities/person.entity";
import { personChanges } from "../services/person-feed.service";

@Resolver(() => Person)
export class PersonSubscriptionResolver {
  @Subscription(() => Person, {
    description:
      "Each account as it is once changed, by anyone, from now on: invited (a pending person), signed in for the first time or joining an organisation, suspended, reactivated, or its themes or preferences changed. For the viewers of `people` (ANCT national agents: the administration of people); anyone else gets FORBIDDEN (UNAUTHENTICATED when anonymous). Announced when the change is committed, never for one rolled back.",
    subscribe: ({ context }) => {
      const { personFeed, viewer } = context as Context;
      return personChanges(personFeed, viewer);
    },
  })
  personChanged(@Root() person: Person): Person {
    return person;
  }
}
