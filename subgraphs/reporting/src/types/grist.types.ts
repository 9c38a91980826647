import { Field, InputType, Int, ObjectType } from "type-graphql";

@InputType({ description: "Which projects an export or a Grist sync takes; every field narrows, none is France entire." })
export class ProjectExportFilter {
  @Field({ nullable: true, description: "A commune, EPCI, CRTE, département or région id." })
  territoryId?: string;

  @Field({ nullable: true })
  programme?: string;

  @Field({ nullable: true, description: "An Aides-Territoires theme slug." })
  theme?: string;

  @Field({ nullable: true, description: "A ProjectStatus value." })
  status?: string;

  @Field({ nullable: true, description: "IDEE, ETUDE or OPERATION." })
  phase?: string;

  @Field({ nullable: true, description: "Projects created on or after this day (YYYY-MM-DD, French time)." })
  from?: string;

  @Field({ nullable: true, description: "Projects created on or before this day (YYYY-MM-DD, French time)." })
  to?: string;
}

@ObjectType({ description: "What a sync to Grist wrote." })
export class GristSyncResult {
  @Field()
  docId!: string;

  @Field()
  tableId!: string;

  @Field(() => Int, { description: "Projects added or updated (one row each, keyed on column projet_id), so far if not done." })
  rows!: number;

  @Field(() => Int, { description: "Requests that wrote records." })
  requests!: number;

  @Field(() => [String], { description: "Columns the table lacked and that were created." })
  columnsCreated!: string[];

  @Field({ description: "The journal cursor the rows are current at." })
  currentAt!: string;

  @Field({ description: "Whether the document is kept current from the journal (keepCurrent)." })
  scheduled!: boolean;

  @Field({ description: "False when the answer came before the end of the sync (rows and requests are then those sent so far): it goes on in the background." })
  done!: boolean;
}
