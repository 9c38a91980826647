import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Resource } from "../entities/library.entity";
import { SuggestionRule } from "../entities/suggestion.entity";
import { TerritoryRef } from "./project.types";

@InputType({ description: "A suggestion rule: projects with any of the tags, on any of the themes, in any of the territories are suggested the resources. At least a tag or a theme." })
export class SuggestionRuleInput {
  @Field({ description: "1 to 200 characters." })
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Tags of the état des lieux (e.g. "chauffage-fioul"), at most 20; none: any project.' })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme slugs; none: any theme." })
  themes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Régions and départements (REGION:<code>, DEPARTEMENT:<code>); none: all of France." })
  territoryIds?: string[] | null;

  @Field(() => [ID], { description: "1 to 20 resource sheets of the library." })
  resourceIds!: string[];
}

@ObjectType({ description: "A resource of the library suggested to a project by the rules, with why." })
export class ResourceSuggestion {
  @Field(() => Resource)
  resource!: Resource;

  @Field(() => [String], { description: "The project's tags the rules matched." })
  matchedTags!: string[];

  @Field(() => [String], { description: "The project's themes the rules matched." })
  matchedThemes!: string[];

  @Field(() => [TerritoryRef], {
    nullable: true,
    description:
      "The rules' territories (régions, départements) the project is in; empty when only national rules matched. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  matchedTerritories!: TerritoryRef[];

  @Field(() => [SuggestionRule], { description: "The rules that suggest it." })
  rules!: SuggestionRule[];

  @Field({ description: "Why, in French (« Réponse de l'état des lieux : chauffage-fioul · Thème : Énergies / Déchets · Territoire : Puy-de-Dôme »)." })
  explanation!: string;
}
