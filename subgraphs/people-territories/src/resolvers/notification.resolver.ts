import { forbidden, isAuthenticated, unauthenticated } from "@hub/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { NotificationFrequency } from "../entities/notification.entity";
import { Person } from "../entities/person.entity";
import { updatePerson } from "../services/person.service";

@Resolver(() => Person)
export class NotificationPreferenceResolver {
  @FieldResolver(() => NotificationFrequency, { nullable: true, description: "How you hear of your projects by e-mail: immediately or in a daily digest. Yours only (null for anyone else)." })
  notificationFrequency(@Root() person: Person, @Ctx() { viewer }: Context): NotificationFrequency | null {
    return viewer.personId === person.id ? person.notificationFrequency : null;
  }

  @Mutation(() => Person, { description: "Chooses how you hear of your projects by e-mail: IMMEDIATE (one e-mail per event) or DAILY_DIGEST (one a day)." })
  async setNotificationFrequency(@Arg("frequency", () => NotificationFrequency) frequency: NotificationFrequency, @Ctx() { viewer, dataSource }: Context): Promise<Person> {
    if (!isAuthenticated(viewer)) throw unauthenticated("Sign in to choose your notifications");
    if (!viewer.personId) throw forbidden("Only people receive notifications (not API keys)");
    const person = await updatePerson(dataSource, viewer.personId, { notificationFrequency: frequency });
    if (!person) throw forbidden("Only people receive notifications");
    return person;
  }
}
