import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Person } from "../entities/person.entity";
import { visiblePerson } from "../services/person.service";

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

export const PROJECT_PEOPLE_TYPES = [ProjectPeople, CommentPeople, ActivityPeople, DocumentPeople, AssigneePeople];

const person = (id: string | null | undefined, { loaders, viewer }: Context) => (id ? visiblePerson(loaders, viewer, id) : null);

@Resolver(() => ProjectPeople)
export class ProjectPeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who created it (null for imported projects, or a person you may not see)." })
  @Directive('@requires(fields: "createdById")')
  createdBy(@Root() project: ProjectPeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(project.createdById, context);
  }
}

@Resolver(() => CommentPeople)
export class CommentPeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who wrote it (null for a person you may not see)." })
  @Directive('@requires(fields: "authorId")')
  author(@Root() comment: CommentPeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(comment.authorId, context);
  }
}

@Resolver(() => ActivityPeople)
export class ActivityPeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who did it (null for the system, or a person you may not see)." })
  @Directive('@requires(fields: "actorId")')
  actor(@Root() activity: ActivityPeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(activity.actorId, context);
  }
}

@Resolver(() => DocumentPeople)
export class DocumentPeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who uploaded it (null for a person you may not see)." })
  @Directive('@requires(fields: "uploadedById")')
  uploadedBy(@Root() document: DocumentPeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(document.uploadedById, context);
  }
}

@Resolver(() => AssigneePeople)
export class AssigneePeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Null when you may not see this person." })
  person(@Root() assignee: AssigneePeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(assignee.personId, context);
  }
}

export const PROJECT_PEOPLE_RESOLVERS = [ProjectPeopleResolver, CommentPeopleResolver, ActivityPeopleResolver, DocumentPeopleResolver, AssigneePeopleResolver] as const;
