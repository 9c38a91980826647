import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { FundingKind } from "./funding.types";

/** The project's phase, owned by the projects subgraph (same values). */
export enum ProjectPhase {
  IDEE = "IDEE",
  ETUDE = "ETUDE",
  OPERATION = "OPERATION",
}
registerEnumType(ProjectPhase, { name: "ProjectPhase", description: "Idée, Étude or Opération." });

/** Entities owned elsewhere, known here by their key. */
@ObjectType("Territory")
@Directive('@key(fields: "id", resolvable: false)')
export class TerritoryRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Person")
@Directive('@key(fields: "id", resolvable: false)')
export class PersonRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Organization")
@Directive('@key(fields: "id", resolvable: false)')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}

/** The project, extended with its funding proposals. What they depend on comes from projects. */
@ObjectType("Project")
@Directive('@key(fields: "id")')
export class FundedProject {
  @Field(() => ID)
  id!: string;

  @Field(() => [String])
  @Directive("@external")
  themes!: string[];

  @Field(() => ProjectPhase)
  @Directive("@external")
  phase!: ProjectPhase;

  // Nullable as in projects, which resolves them (a reference to people-territories' territories):
  // the values projects sends are never null.
  @Field(() => TerritoryRef, { nullable: true })
  @Directive("@external")
  territory!: TerritoryRef | null;

  @Field(() => [TerritoryRef], { nullable: true })
  @Directive("@external")
  territories!: TerritoryRef[] | null;

  @Field(() => [String])
  @Directive("@external")
  tags!: string[];

  @Field(() => [ID])
  @Directive("@external")
  recommendedResourceIds!: string[];
}

/** The ids of a project's territories (@required from projects), the main one first. */
export function territoryIdsOf(project: Pick<FundedProject, "territory" | "territories">): string[] {
  return [...(project.territory ? [project.territory.id] : []), ...(project.territories ?? []).map((t) => t.id)];
}

@InputType({ description: "What to look for: where, on which themes, at which phase, which kind of aid." })
export class FundingOpportunityFilter {
  @Field(() => ID, { description: 'The collectivité applying: "COMMUNE:<INSEE>", "EPCI:<SIREN>", "DEPARTEMENT:<code>" or "REGION:<code>".' })
  territoryId!: string;

  @Field(() => [String], { nullable: true, description: "Aides-Territoires theme slugs (none: every theme)." })
  themes?: string[];

  @Field(() => ProjectPhase, { nullable: true })
  phase?: ProjectPhase;

  @Field(() => FundingKind, { nullable: true })
  kind?: FundingKind;
}
