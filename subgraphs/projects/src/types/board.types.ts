import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Project, ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { AssigneeInput } from "./project-inputs.types";
import { TerritoryRef } from "./refs.types";

@ObjectType({ description: "A column of the board: the projects of one status." })
export class BoardColumn {
  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => Int, { description: "How many projects of the territory you see are in this status." })
  count!: number;

  @Field(() => Int, { description: "How many of them are flagged inactive." })
  inactiveCount!: number;

  @Field(() => [Project], { description: "The first of them, most recently changed first." })
  projects!: Project[];
}

@ObjectType({ description: "The board of a territory's projects by status, for State agents: move a card with moveProjectCard." })
export class ProjectBoard {
  @Field(() => TerritoryRef, { nullable: true, description: "The territory of the board. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer." })
  territory!: TerritoryRef;

  @Field(() => Int, { description: "Projects on the board, every column together." })
  totalCount!: number;

  @Field(() => [BoardColumn], { description: "One column per status past the draft, in the lifecycle's order." })
  columns!: BoardColumn[];
}

@InputType({ description: "Moving a card to another column: the lifecycle step to that status, with what the step requires." })
export class MoveCardInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ProjectStatus, { description: "The column the card goes to." })
  to!: ProjectStatus;

  @Field(() => String, { nullable: true, description: "Required to send back, decline or abandon." })
  reason?: string | null;

  @Field(() => ProjectPriority, { nullable: true, description: "Required to qualify." })
  priority?: ProjectPriority | null;

  @Field(() => [AssigneeInput], { nullable: true, description: "Required to assign." })
  assignees?: AssigneeInput[] | null;
}
