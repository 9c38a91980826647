import { createUnionType, Field, ObjectType } from "type-graphql";
import { ActionStatus } from "./action.entity";
import { ProjectPriority, ProjectStatus } from "./project.entity";

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

@ObjectType({ description: "What another subgraph recorded (JSON object)." })
export class ExternalDetails {
  @Field({ description: "JSON object, as recorded." })
  payload!: string;
}

/** Details of an activity; null for kinds without any (created, unblocked...). */
export const ActivityDetails = createUnionType({
  name: "ActivityDetails",
  types: () => [StatusChangeDetails, FieldsChangedDetails, BlockDetails, ActionDetails, ExternalDetails] as const,
});
