import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { Project } from "../entities/project.entity";
import { moveProjectCard, projectBoard } from "../services/board.service";
import { MoveCardInput, ProjectBoard } from "../types/board.types";

@Resolver(() => ProjectBoard)
export class BoardResolver {
  @Query(() => ProjectBoard, { description: "State agents (and ANCT): the projects of a territory you see, by status, with counts and the first `cards` of each column (0 to 50, default 10)." })
  projectBoard(@Arg("territoryId", () => ID) territoryId: string, @Ctx() { dataSource, viewer }: Context, @Arg("cards", () => Int, { nullable: true }) cards?: number): Promise<ProjectBoard> {
    return projectBoard(dataSource, viewer, territoryId, cards ?? 10);
  }

  @Mutation(() => Project, { description: "Moves a card to another column: the lifecycle step there (CONFLICT when the lifecycle has none, FORBIDDEN when it is another role's)." })
  moveProjectCard(@Arg("input", () => MoveCardInput) input: MoveCardInput, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return moveProjectCard(dataSource, viewer, input);
  }
}
