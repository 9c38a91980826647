import { PageInfo } from "@hub/kit";
import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ProjectPriority } from "../entities/project.entity";
import { Recommendation } from "../entities/recommendation.entity";

/** A resource sheet of the library, owned by the funding subgraph: known here by id only. */
@ObjectType("Resource")
@Directive('@key(fields: "id", resolvable: false)')
export class ResourceRef {
  @Field(() => ID)
  id!: string;
}

/** A contact of the contact book, owned by the funding subgraph: known here by id only. */
@ObjectType("Contact")
@Directive('@key(fields: "id", resolvable: false)')
export class ContactRef {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: "A recommendation to a project: a resource of the library (resourceId) or free advice; a draft unless `publish`." })
export class RecommendInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID, { nullable: true, description: "A resource sheet of the library (Resource id)." })
  resourceId?: string | null;

  @Field({ description: "1 to 200 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "Why it is recommended (at most 5,000 characters)." })
  why?: string | null;

  @Field(() => String, { nullable: true, description: "What to do (at most 5,000 characters)." })
  whatToDo?: string | null;

  @Field(() => ID, { nullable: true, description: "A contact of the contact book (Contact id)." })
  contactId?: string | null;

  @Field(() => String, { nullable: true, description: "A contact in words (at most 500 characters)." })
  contactText?: string | null;

  @Field(() => String, { nullable: true, description: "Deadline, YYYY-MM-DD." })
  deadline?: string | null;

  @Field(() => ProjectPriority, { nullable: true, description: "NORMAL when not given." })
  priority?: ProjectPriority | null;

  @Field(() => Boolean, { nullable: true, description: "Show it to the collectivité at once (default false: a draft for the State side)." })
  publish?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Tie it to the project's current block (CONFLICT when the project is not blocked)." })
  forBlock?: boolean | null;
}

@InputType({ description: "Changes to a recommendation: only the fields given change; null clears an optional one." })
export class RecommendationChangesInput {
  @Field(() => String, { nullable: true, description: "1 to 200 characters." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Why it is recommended (at most 5,000 characters)." })
  why?: string | null;

  @Field(() => String, { nullable: true, description: "What to do (at most 5,000 characters)." })
  whatToDo?: string | null;

  @Field(() => ID, { nullable: true, description: "A resource sheet of the library (Resource id); null makes it free advice." })
  resourceId?: string | null;

  @Field(() => ID, { nullable: true, description: "A contact of the contact book (Contact id); null removes it." })
  contactId?: string | null;

  @Field(() => String, { nullable: true, description: "A contact in words (at most 500 characters); null removes it." })
  contactText?: string | null;

  @Field(() => String, { nullable: true, description: "Deadline, YYYY-MM-DD; null removes it." })
  deadline?: string | null;

  @Field(() => ProjectPriority, { nullable: true })
  priority?: ProjectPriority | null;
}

@ObjectType("RecommendationEdge")
export class RecommendationEdge {
  @Field()
  cursor!: string;

  @Field(() => Recommendation)
  node!: Recommendation;
}

@ObjectType({ description: "A page of a project's recommendations (Relay connection, at most 100 a page, 20 by default), oldest first, with how many there are in all." })
export class RecommendationConnection {
  @Field(() => [RecommendationEdge])
  edges!: RecommendationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many recommendations the viewer sees on the project (with the status filter)." })
  totalCount!: number;
}

@ObjectType({ description: "The project's current block: why, since when, and the recommendations that answer it." })
export class ProjectBlock {
  @Field()
  reason!: string;

  @Field()
  since!: Date;

  /** The BLOCKED activity. */
  activityId!: string;
  projectId!: string;
}

@ObjectType({ description: "Why and since when a project is flagged inactive." })
export class ProjectInactivity {
  @Field()
  since!: Date;

  @Field()
  reason!: string;
}
