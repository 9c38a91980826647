import { Field, ID, InputType } from "type-graphql";
import { ProjectStatus } from "../entities/project.entity";

@InputType({ description: "A new project, created as a draft." })
export class CreateProjectInput {
  @Field({ description: "1 to 200 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "Up to 5,000 characters." })
  description?: string | null;

  @Field(() => ID, { description: "The commune concerned: COMMUNE:<INSEE code>." })
  territoryId!: string;

  @Field(() => [String], { nullable: true, description: "Aides-Territoires theme slugs." })
  themes?: string[] | null;
}

@InputType({ description: "Narrows a list of projects; all given criteria must hold." })
export class ProjectFilter {
  @Field(() => ID, { nullable: true, description: "Projects in this territory (a commune, or any level containing it)." })
  territoryId?: string | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => String, { nullable: true, description: "Aides-Territoires theme slug." })
  theme?: string | null;

  @Field(() => String, { nullable: true, description: "Words of the title." })
  search?: string | null;
}
