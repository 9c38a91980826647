import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Person } from "../entities/person.entity";
import { visiblePerson } from "../services/person.service";
import { ActivityPeople, AssigneePeople, CommentPeople, DocumentPeople, ProjectPeople, RecommendationPeople, RecommendationReadPeople } from "../types/project-people.types";

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

@Resolver(() => RecommendationPeople)
export class RecommendationPeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who wrote it (null for a person you may not see)." })
  @Directive('@requires(fields: "authorId")')
  author(@Root() recommendation: RecommendationPeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(recommendation.authorId, context);
  }
}

@Resolver(() => RecommendationReadPeople)
export class RecommendationReadPeopleResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who read it (null when you may not see this person)." })
  reader(@Root() read: RecommendationReadPeople, @Ctx() context: Context): Promise<Person | null> | null {
    return person(read.personId, context);
  }
}

export const PROJECT_PEOPLE_RESOLVERS = [
  ProjectPeopleResolver,
  CommentPeopleResolver,
  ActivityPeopleResolver,
  DocumentPeopleResolver,
  AssigneePeopleResolver,
  RecommendationPeopleResolver,
  RecommendationReadPeopleResolver,
] as const;
