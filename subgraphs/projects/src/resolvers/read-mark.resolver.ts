import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Project } from "../entities/project.entity";
import { inboxUnreadCount, markProjectRead } from "../services/read-mark.service";

@Resolver(() => Project)
export class ReadMarkResolver {
  @Mutation(() => Project, { description: "Marks the project's activity so far as read by you: its `unreadCount` drops to 0." })
  markProjectRead(@Arg("projectId", () => ID) projectId: string, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return markProjectRead(dataSource, viewer, projectId);
  }

  @Query(() => Int, { description: "State agents: how many projects of your inbox have activity you have not read (`markProjectRead`)." })
  inboxUnreadCount(@Ctx() { dataSource, viewer }: Context): Promise<number> {
    return inboxUnreadCount(dataSource, viewer);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Activities of its journal since you last marked it read (all of them if never), your own not counted; null for callers who are not a person (API keys).",
  })
  async unreadCount(@Root() project: Project, @Ctx() { loaders }: Context): Promise<number | null> {
    if (!loaders.unreadCounts) return null;
    return (await loaders.unreadCounts.load(project.id))?.unread ?? 0;
  }
}
