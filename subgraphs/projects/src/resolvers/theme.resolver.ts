import { authorize } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { Theme } from "../types/theme.types";

@Resolver(() => Theme)
export class ThemeResolver {
  @Query(() => [Theme], { description: "The themes a project may carry (the Aides-Territoires taxonomy), by French name: the only values `createProject`, `updateProject` and filters accept." })
  themes(@Ctx() { viewer }: Context): Theme[] {
    authorize(viewer, "project:read");
    return loadThemes()
      .map(({ slug, name }) => ({ slug, name }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  }
}
