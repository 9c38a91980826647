import { forbidden, hasRole, isAuthenticated, unauthenticated } from "@hub/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { Person } from "../entities/person.entity";
import { updatePerson } from "../services/person.service";
import { validateFollowedThemes } from "../rules/followed-themes";

@Resolver(() => Person)
export class FollowedThemesResolver {
  @Mutation(() => Person, {
    description:
      "Declares the themes you follow (Aides-Territoires slugs of `themes`, each once; an empty list: none), replacing those you had: the inbox offers a project to the agents following its theme first. State agents only (FORBIDDEN otherwise); an unknown theme is BAD_USER_INPUT.",
  })
  async setMyThemes(@Arg("themes", () => [String]) themes: string[], @Ctx() { viewer, dataSource }: Context): Promise<Person> {
    if (!isAuthenticated(viewer)) throw unauthenticated("Sign in to choose the themes you follow");
    if (!viewer.personId || !hasRole(viewer, "STATE_AGENT")) throw forbidden("Only State agents follow themes (projects are assigned to them by theme)");
    const followed = validateFollowedThemes(themes);
    const person = await updatePerson(dataSource, viewer.personId, { themes: followed });
    if (!person) throw forbidden("Only people follow themes");
    return person;
  }
}
