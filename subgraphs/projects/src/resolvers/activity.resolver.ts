import { authorize, badInput, isUuid, PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { ActivityDetails } from "../entities/activity-details.types";
import { Activity, ActivityKind } from "../entities/activity.entity";
import { detailsOf } from "../services/activity-details";
import { Project } from "../entities/project.entity";
import { readJournal } from "../services/activity-query.service";
import { recordExternalActivity } from "../services/activity.service";
import { ActivityFilter, RecordActivityInput } from "./project.inputs";
import { ActivityConnection } from "./project.resolver";

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => ActivityConnection, { description: "The journal of the projects you may see, in order; `after` is the last activity id read." })
  activities(@Args() page: PageArgs, @Ctx() { dataSource, viewer }: Context, @Arg("filter", () => ActivityFilter, { nullable: true }) filter?: ActivityFilter): Promise<Connection<Activity>> {
    return readJournal(dataSource, viewer, page, filter ?? {});
  }

  @Query(() => ID, {
    nullable: true,
    description:
      "The id of the newest activity of the journal (null while it is empty). Read it before reading a list, then pass it as `after` to `projectActivity`: every change after your read reaches you, none is missed in between.",
  })
  async latestActivityId(@Ctx() { dataSource, viewer }: Context): Promise<string | null> {
    authorize(viewer, "project:read");
    const [row] = await dataSource.query<{ id: string | null }[]>("SELECT max(id)::text AS id FROM activity");
    return row.id;
  }

  @Mutation(() => Activity, { description: "Internal: another subgraph records an event; the same idempotency key twice records one activity." })
  @Directive("@inaccessible")
  async recordActivity(@Arg("input", () => RecordActivityInput) input: RecordActivityInput, @Ctx() { dataSource, viewer, loaders }: Context): Promise<Activity> {
    authorize(viewer, "journal:record");
    if (!isUuid(input.projectId) || !(await loaders.project.load(input.projectId))) throw badInput("Unknown project", "projectId");
    const summary = input.summary.trim();
    if (summary === "" || summary.length > 500) throw badInput("summary must be 1 to 500 characters", "summary");
    if (!/^[\w.:-]{1,200}$/.test(input.idempotencyKey)) throw badInput("idempotencyKey must be 1 to 200 letters, digits, '.', ':', '-' or '_'", "idempotencyKey");
    let payload: Record<string, unknown> = {};
    if (input.payload) {
      try {
        payload = JSON.parse(input.payload) as Record<string, unknown>;
      } catch {
        throw badInput("payload must be a JSON object", "payload");
      }
      if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw badInput("payload must be a JSON object", "payload");
    }
    const kind = input.kind ?? ActivityKind.EXTERNAL;
    if (kind !== ActivityKind.EXTERNAL && kind !== ActivityKind.FUNDING_APPLICATION) throw badInput("kind must be EXTERNAL or FUNDING_APPLICATION", "kind");
    return recordExternalActivity(dataSource, { projectId: input.projectId, summary, idempotencyKey: input.idempotencyKey, payload, kind });
  }

  @FieldResolver(() => ActivityDetails, { nullable: true, description: "The typed payload, by kind (null for kinds without details)." })
  details(@Root() activity: Activity): typeof ActivityDetails | null {
    return detailsOf(activity);
  }

  @FieldResolver(() => Project)
  async project(@Root() activity: Activity, @Ctx() { loaders }: Context): Promise<Project> {
    return (await loaders.project.load(activity.projectId))!;
  }
}
