import { createUnionType, Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { ActionStatus } from "../entities/action.entity";
import { ActivityKind, type Activity } from "../entities/activity.entity";
import { ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { RecommendationStatus, RecommendationVisibility } from "../entities/recommendation.entity";

/** The typed payload of an activity, by kind. */
@ObjectType({ description: "A lifecycle step: from which status to which, and why." })
export class StatusChangeDetails {
  @Field(() => ProjectStatus)
  from!: ProjectStatus;

  @Field(() => ProjectStatus)
  to!: ProjectStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => ProjectPriority, { nullable: true })
  priority!: ProjectPriority | null;

  // Read by people-territories' notifications (who to tell of an assignment); hidden from the API like every person id.
  @Field(() => [ID], { nullable: true, description: "The persons an ASSIGNED step assigned." })
  @Directive("@inaccessible")
  assigneeIds!: string[] | null;
}

@ObjectType({ description: "The fiche fields an edit changed." })
export class FieldsChangedDetails {
  @Field(() => [String])
  fields!: string[];
}

@ObjectType({ description: "Why the project was blocked." })
export class BlockDetails {
  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: "An action proposed (previousStatus null) or moved to another status." })
export class ActionDetails {
  @Field()
  actionId!: string;

  @Field(() => ActionStatus, { nullable: true })
  previousStatus!: ActionStatus | null;

  @Field(() => ActionStatus)
  status!: ActionStatus;
}

@ObjectType({ description: "A recommendation written, published, followed up, read, edited or deleted." })
export class RecommendationDetails {
  @Field(() => ID)
  recommendationId!: string;

  @Field()
  title!: string;

  @Field(() => RecommendationStatus, { nullable: true, description: "Its status before a follow-up (null otherwise)." })
  previousStatus!: RecommendationStatus | null;

  @Field(() => RecommendationStatus)
  status!: RecommendationStatus;

  @Field(() => RecommendationVisibility)
  visibility!: RecommendationVisibility;

  @Field(() => [String], { nullable: true, description: "The fields an edit changed (RECOMMENDATION_UPDATED; null otherwise)." })
  fields!: string[] | null;
}

@ObjectType({ description: "An open recommendation, as listed in a reminder." })
export class ReminderItem {
  @Field(() => ID)
  recommendationId!: string;

  @Field()
  title!: string;

  @Field(() => RecommendationStatus)
  status!: RecommendationStatus;

  @Field(() => String, { nullable: true })
  deadline!: string | null;
}

@ObjectType({ description: '"Où en êtes-vous ?": how long the project has been quiet, and its open recommendations.' })
export class ReminderDetails {
  @Field(() => Int, { description: "Whole weeks since its last activity." })
  weeksWithoutActivity!: number;

  @Field(() => [ReminderItem], { description: "Its published recommendations not yet done, dropped or already done." })
  openRecommendations!: ReminderItem[];
}

@ObjectType({ description: "Why the project was flagged inactive." })
export class InactivityDetails {
  @Field()
  reason!: string;

  @Field({ description: "Whether the hub flagged it (a year without activity) rather than a person." })
  automatic!: boolean;
}

@ObjectType({ description: "What another subgraph recorded (JSON object)." })
export class ExternalDetails {
  @Field({ description: "JSON object, as recorded." })
  payload!: string;
}

/** Details of an activity; null for kinds without any (created, unblocked...). */
export const ActivityDetails = createUnionType({
  name: "ActivityDetails",
  types: () => [StatusChangeDetails, FieldsChangedDetails, BlockDetails, ActionDetails, ExternalDetails, RecommendationDetails, ReminderDetails, InactivityDetails] as const,
});

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** The typed details of an activity, from its stored payload. */
export function detailsOf(activity: Pick<Activity, "kind" | "payload">): typeof ActivityDetails | null {
  const p = activity.payload;
  switch (activity.kind) {
    case ActivityKind.STATUS_CHANGED:
    case ActivityKind.ASSIGNED:
      return Object.assign(new StatusChangeDetails(), {
        from: p.from as ProjectStatus,
        to: p.to as ProjectStatus,
        reason: text(p.reason),
        priority: (p.priority as ProjectPriority | null) ?? null,
        assigneeIds: Array.isArray(p.assignees) ? p.assignees.map((a: unknown) => (typeof a === "object" && a !== null && "personId" in a ? String(a.personId) : "")).filter(Boolean) : null,
      });
    case ActivityKind.PROJECT_UPDATED:
      return Object.assign(new FieldsChangedDetails(), { fields: Array.isArray(p.fields) ? p.fields.map(String) : [] });
    case ActivityKind.BLOCKED:
      return Object.assign(new BlockDetails(), { reason: text(p.reason) });
    case ActivityKind.ACTION_ADDED:
    case ActivityKind.ACTION_STATUS_CHANGED:
      return Object.assign(new ActionDetails(), { actionId: String(p.actionId), previousStatus: actionStatus(p.from), status: actionStatus(p.to) ?? ActionStatus.PROPOSED });
    case ActivityKind.EXTERNAL:
    case ActivityKind.FUNDING_APPLICATION:
      return Object.assign(new ExternalDetails(), { payload: JSON.stringify(p) });
    case ActivityKind.RECOMMENDATION_CREATED:
    case ActivityKind.RECOMMENDATION_PUBLISHED:
    case ActivityKind.RECOMMENDATION_FOLLOWED_UP:
    case ActivityKind.RECOMMENDATION_READ:
    case ActivityKind.RECOMMENDATION_UPDATED:
    case ActivityKind.RECOMMENDATION_DELETED:
      return Object.assign(new RecommendationDetails(), {
        recommendationId: String(p.recommendationId),
        title: text(p.title) ?? "",
        previousStatus: recommendationStatus(p.from),
        status: recommendationStatus(p.status) ?? RecommendationStatus.PROPOSED,
        visibility: p.visibility === RecommendationVisibility.PUBLISHED ? RecommendationVisibility.PUBLISHED : RecommendationVisibility.DRAFT,
        fields: Array.isArray(p.fields) ? p.fields.map(String) : null,
      });
    case ActivityKind.REMINDER_DUE:
      return Object.assign(new ReminderDetails(), {
        weeksWithoutActivity: typeof p.weeksWithoutActivity === "number" ? p.weeksWithoutActivity : 0,
        openRecommendations: (Array.isArray(p.openRecommendations) ? (p.openRecommendations as Record<string, unknown>[]) : []).map((r) =>
          Object.assign(new ReminderItem(), {
            recommendationId: String(r.id),
            title: text(r.title) ?? "",
            status: recommendationStatus(r.status) ?? RecommendationStatus.PROPOSED,
            deadline: text(r.deadline),
          }),
        ),
      });
    case ActivityKind.PROJECT_INACTIVE:
      return Object.assign(new InactivityDetails(), { reason: text(p.reason) ?? "", automatic: p.automatic === true });
    default:
      return null;
  }
}

function recommendationStatus(value: unknown): RecommendationStatus | null {
  return Object.values(RecommendationStatus).find((status) => status === value) ?? null;
}

/** A status written in an activity's JSON payload, or null when absent (or not one of ours). */
function actionStatus(value: unknown): ActionStatus | null {
  return Object.values(ActionStatus).find((status) => status === value) ?? null;
}
