import { authorize, badInput, isUuid, PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Activity, ActivityKind } from "../entities/activity.entity";
import { ActivityDetails, detailsOf } from "../types/activity-details.types";
import { Project } from "../entities/project.entity";
import { readJournal } from "../services/activity-query.service";
import { recordExternalActivity } from "../services/activity.service";
import { ActivityFilter, RecordActivityInput } from "../types/project-inputs.types";
import { ActivityConnection } from "../types/connections.types";

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
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.payload);
      } catch {
        throw badInput("payload must be a JSON object", "payload");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badInput("payload must be a JSON object", "payload");
      payload = parsed as Record<string, unknown>;
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
    const project = await loaders.project.load(activity.projectId);
    // activity.project_id is a foreign key: a missing row is a broken database, not bad input.
    if (!project) throw new Error(`activity ${activity.id}: project ${activity.projectId} not found`);
    return project;
  }
}
