import { authorize, badInput, connectionType, isUuid, notFound, PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Activity } from "../entities/activity.entity";
import { Project } from "../entities/project.entity";
import { OrganizationRef, PersonRef, TerritoryRef } from "../entities/refs";
import { readJournal } from "../services/activity-query.service";
import { createProject, listProjects } from "../services/project.service";
import { CreateProjectInput, ProjectFilter } from "./project.inputs";

export const ProjectConnection = connectionType("Project", Project);
export const ActivityConnection = connectionType("Activity", Activity);

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: "One project by id." })
  async project(@Arg("id", () => ID) id: string, @Ctx() { loaders, viewer }: Context): Promise<Project> {
    authorize(viewer, "project:read");
    if (!isUuid(id)) throw badInput(`"${id.slice(0, 60)}" is not a project id`, "id");
    const project = await loaders.project.load(id);
    if (!project) throw notFound(`No project ${id}`);
    return project;
  }

  @Query(() => ProjectConnection, { description: "Projects, newest first." })
  projects(
    @Args() page: PageArgs,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
  ): Promise<Connection<Project>> {
    return listProjects(dataSource, viewer, page, filter ?? {});
  }

  @Mutation(() => Project, { description: "Creates a draft project on a commune of the caller's collectivité." })
  createProject(@Arg("input", () => CreateProjectInput) input: CreateProjectInput, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return createProject(dataSource, viewer, input);
  }

  @FieldResolver(() => TerritoryRef, { description: "The commune concerned." })
  territory(@Root() project: Project): TerritoryRef {
    return { id: project.territoryId };
  }

  @FieldResolver(() => OrganizationRef, { description: "The collectivité carrying the project." })
  owner(@Root() project: Project): OrganizationRef {
    return { id: project.ownerId };
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: "Who created it (null for imported projects)." })
  createdBy(@Root() project: Project): PersonRef | null {
    return project.createdById ? { id: project.createdById } : null;
  }

  @FieldResolver(() => ActivityConnection, { description: "This project's journal, oldest first; `after` is an activity id." })
  activity(@Root() project: Project, @Args() page: PageArgs, @Ctx() { dataSource, viewer }: Context): Promise<Connection<Activity>> {
    return readJournal(dataSource, viewer, page, project.id);
  }
}
