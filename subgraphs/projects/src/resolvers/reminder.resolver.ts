import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Project } from "../entities/project.entity";
import { markProjectInactive, reminderWeeksOf, setReminderWeeks } from "../services/reminder.service";
import { ProjectInactivity } from "../types/recommendation.types";

@Resolver(() => Project)
export class ReminderResolver {
  @Query(() => Int, { description: '"Où en êtes-vous ?": weeks without activity before a project of this département (DEPARTEMENT:<code>) is reminded.' })
  reminderWeeks(@Arg("territoryId", () => ID) territoryId: string, @Ctx() { dataSource, viewer, reminderDefaultWeeks }: Context): Promise<number> {
    return reminderWeeksOf(dataSource, viewer, territoryId, reminderDefaultWeeks);
  }

  @Mutation(() => Int, { description: "Sets a département's weeks before a reminder (1 to 52; null: back to the default): its State agents, ANCT. Returns the weeks now in force." })
  setReminderWeeks(
    @Arg("territoryId", () => ID) territoryId: string,
    @Arg("weeks", () => Int, { nullable: true }) weeks: number | null,
    @Ctx() { dataSource, viewer, reminderDefaultWeeks }: Context,
  ): Promise<number> {
    return setReminderWeeks(dataSource, viewer, territoryId, weeks ?? null, reminderDefaultWeeks);
  }

  @Mutation(() => Project, { description: "Flags a project inactive, with the reason (the State of its département); any new activity ends it." })
  markProjectInactive(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return markProjectInactive(dataSource, viewer, id, reason);
  }

  @FieldResolver(() => ProjectInactivity, { nullable: true, description: "Set after a year without activity, or by hand with a reason; null when active (new activity clears it)." })
  inactive(@Root() project: Project): ProjectInactivity | null {
    return project.inactiveSince ? { since: project.inactiveSince, reason: project.inactiveReason ?? "" } : null;
  }
}
