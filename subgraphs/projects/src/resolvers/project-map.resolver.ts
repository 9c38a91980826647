import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { projectMap } from "../services/project-map.service";
import { ProjectFilter } from "../types/project-inputs.types";
import { ProjectMap } from "../types/project-map.types";

@Resolver(() => ProjectMap)
export class ProjectMapResolver {
  @Query(() => ProjectMap, {
    description: "The map of projects: how many projects you may see match the filter (as `projects`), per département and in all. One SQL statement.",
  })
  projectMap(@Ctx() { dataSource, viewer }: Context, @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter): Promise<ProjectMap> {
    return projectMap(dataSource, viewer, filter ?? {});
  }
}
