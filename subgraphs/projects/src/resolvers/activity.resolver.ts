import { PageArgs, type Connection } from "@hub/kit";
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Activity } from "../entities/activity.entity";
import { Project } from "../entities/project.entity";
import { PersonRef } from "../entities/refs";
import { readJournal } from "../services/activity-query.service";
import { ActivityConnection } from "./project.resolver";

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => ActivityConnection, { description: "The journal of every project, in order; `after` is the last activity id read." })
  activities(@Args() page: PageArgs, @Ctx() { dataSource, viewer }: Context): Promise<Connection<Activity>> {
    return readJournal(dataSource, viewer, page);
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: "Who did it (null for the system)." })
  actor(@Root() activity: Activity): PersonRef | null {
    return activity.actorId ? { id: activity.actorId } : null;
  }

  @FieldResolver(() => Project)
  async project(@Root() activity: Activity, @Ctx() { loaders }: Context): Promise<Project> {
    return (await loaders.project.load(activity.projectId))!;
  }
}
