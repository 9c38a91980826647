import { PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { Project } from "../entities/project.entity";
import { OrganizationRef, PersonRef, TerritoryRef } from "../types/refs.types";
import { relatedProjects } from "../services/related-projects.service";
import { ProjectFilter } from "../types/project-inputs.types";
import { ProjectConnection } from "../types/connections.types";

/**
 * The projects of a territory, an organisation, a person: the same list, rules and filters as
 * `projects`, one SQL statement for all the parents of a list (batch loaders).
 */
@Resolver(() => TerritoryRef)
export class TerritoryProjectsResolver {
  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: "Projects in this territory (or any territory it contains) that you may see, newest first. Null, with an error naming the projects subgraph, when that subgraph cannot answer.",
  })
  projects(
    @Root() territory: TerritoryRef,
    @Args() page: PageArgs,
    @Ctx() { loaders, viewer }: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
  ): Promise<Connection<Project>> {
    return relatedProjects(
      { page: (pageKey) => loaders.territoryProjects.load(territory.id, pageKey), count: (countKey) => loaders.territoryProjectsCount.load(territory.id, countKey) },
      viewer,
      "territory",
      page,
      filter ?? {},
    );
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationProjectsResolver {
  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: "Projects this organisation carries that you may see, newest first. Null, with an error naming the projects subgraph, when that subgraph cannot answer.",
  })
  projects(
    @Root() organization: OrganizationRef,
    @Args() page: PageArgs,
    @Ctx() { loaders, viewer }: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
  ): Promise<Connection<Project>> {
    return relatedProjects(
      { page: (pageKey) => loaders.organizationProjects.load(organization.id, pageKey), count: (countKey) => loaders.organizationProjectsCount.load(organization.id, countKey) },
      viewer,
      "owner",
      page,
      filter ?? {},
    );
  }
}

@Resolver(() => PersonRef)
export class PersonProjectsResolver {
  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: "Projects assigned to this person that you may see, newest first. Null, with an error naming the projects subgraph, when that subgraph cannot answer.",
  })
  assignedProjects(
    @Root() person: PersonRef,
    @Args() page: PageArgs,
    @Ctx() { loaders, viewer }: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
  ): Promise<Connection<Project>> {
    return relatedProjects(
      { page: (pageKey) => loaders.assignedProjects.load(person.id, pageKey), count: (countKey) => loaders.assignedProjectsCount.load(person.id, countKey) },
      viewer,
      "assignee",
      page,
      filter ?? {},
    );
  }
}
