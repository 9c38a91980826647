import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { FundingApplication } from "../entities/funding-application.entity";

@ObjectType({ description: "A champ of a démarche the hub pre-fills, and from which project data." })
export class FundingProcedureChamp {
  @Field({ description: "The champ's label on Démarches Simplifiées." })
  label!: string;

  @Field({ description: "DS champ type (text, communes, epci, date, decimal_number...)." })
  type!: string;

  @Field(() => String, { nullable: true, description: "The project datum it is filled from (e.g. project.budgetEuros); null for a fixed value." })
  source!: string | null;

  @Field({ description: "Whether the project must have it before a dossier is prepared." })
  required!: boolean;
}

@ObjectType({ description: "A Démarches Simplifiées démarche configured for pre-filling (Fonds vert, DETR, DSIL, FNADT...)." })
export class FundingProcedure {
  @Field({ description: "The key to pass to prepareFundingApplication, e.g. FONDS_VERT." })
  key!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => Int, { description: "The démarche number on Démarches Simplifiées." })
  demarcheNumber!: number;

  @Field(() => [FundingProcedureChamp])
  champs!: FundingProcedureChamp[];

  @Field({ description: "Whether the hub follows its dossiers through the API v2 (a token is configured), besides the prefill tokens." })
  apiSync!: boolean;
}

@ObjectType({ description: "The dossier is pre-filled: open its URL to sign in, complete and submit it." })
export class FundingApplicationPrepared {
  @Field(() => FundingApplication)
  application!: FundingApplication;

  @Field({ description: "The dossier's URL on Démarches Simplifiées." })
  url!: string;
}

@ObjectType({ description: "A datum the project lacks for this démarche." })
export class MissingProjectData {
  @Field({ description: "The champ on Démarches Simplifiées." })
  champ!: string;

  @Field({ description: "What to complete, in French." })
  message!: string;
}

@ObjectType({ description: "Nothing was sent: the project lacks data the démarche requires." })
export class FundingApplicationIncomplete {
  @Field({ description: "In French." })
  message!: string;

  @Field(() => [MissingProjectData])
  missing!: MissingProjectData[];
}

export const PrepareFundingApplicationResult = createUnionType({
  name: "PrepareFundingApplicationResult",
  types: () => [FundingApplicationPrepared, FundingApplicationIncomplete] as const,
});
