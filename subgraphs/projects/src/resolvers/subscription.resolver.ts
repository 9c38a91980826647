import { Arg, ID, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../context";
import { Activity } from "../entities/activity.entity";
import { activityStream, type StreamArgs } from "../services/activity-stream.service";

@Resolver(() => Activity)
export class ActivitySubscriptionResolver {
  @Subscription(() => Activity, {
    description:
      "Live activities of the projects you may see (one project, or a territory), in journal order. With `after` (an activity id), first replays what you missed, with no gap and no duplicate.",
    subscribe: ({ args, context }) => {
      const { dataSource, viewer, feed } = context as Context;
      // The schema has checked the arguments' types: the three optional IDs/strings below.
      return activityStream(dataSource, feed, viewer, args as StreamArgs);
    },
  })
  projectActivity(
    @Root() activity: Activity,
    @Arg("projectId", () => ID, { nullable: true }) _projectId?: string,
    @Arg("territoryId", () => ID, { nullable: true }) _territoryId?: string,
    @Arg("after", () => String, { nullable: true, description: "The last activity id you received." }) _after?: string,
  ): Activity {
    return activity;
  }
}
