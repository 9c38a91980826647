import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * The people of the projects subgraph's types, resolved here so that they follow the same
 * visibility as `person(id)`: a person the viewer may not see is null, id included. Projects only
 * holds the ids (`@inaccessible` there, `@external` here), which the gateway brings here through `@requires`.
 */
@ObjectType("Project")
@Directive('@key(fields: "id")')
export class ProjectPeople {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  createdById!: string | null;
}

@ObjectType("Comment")
@Directive('@key(fields: "id")')
export class CommentPeople {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  authorId!: string | null;
}

@ObjectType("Activity")
@Directive('@key(fields: "id")')
export class ActivityPeople {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  actorId!: string | null;
}

@ObjectType("Document")
@Directive('@key(fields: "id")')
export class DocumentPeople {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  uploadedById!: string | null;
}

@ObjectType("ProjectAssignee")
@Directive('@key(fields: "projectId personId")')
export class AssigneePeople {
  @Field(() => ID)
  @Directive("@inaccessible")
  projectId!: string;

  @Field(() => ID)
  @Directive("@inaccessible")
  personId!: string;
}

@ObjectType("Recommendation")
@Directive('@key(fields: "id")')
export class RecommendationPeople {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  authorId!: string | null;
}

@ObjectType("RecommendationRead")
@Directive('@key(fields: "recommendationId personId")')
export class RecommendationReadPeople {
  @Field(() => ID)
  @Directive("@inaccessible")
  recommendationId!: string;

  @Field(() => ID)
  @Directive("@inaccessible")
  personId!: string;
}

export const PROJECT_PEOPLE_TYPES = [ProjectPeople, CommentPeople, ActivityPeople, DocumentPeople, AssigneePeople, RecommendationPeople, RecommendationReadPeople];
