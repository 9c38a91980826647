import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

export enum ImportFormat {
  CSV = "CSV",
  XLSX = "XLSX",
}
registerEnumType(ImportFormat, { name: "ImportFormat", description: "CSV (UTF-8, `;`, `,` or tab separated) or XLSX (the first worksheet)." });

@ObjectType({ description: "What is wrong on one line of an import file, in French." })
export class ImportLineError {
  @Field(() => Int, { description: "Line in the file (1 is the header; in XLSX, the worksheet's row)." })
  line!: number;

  @Field(() => String, { nullable: true, description: "The column, as named in docs/import-format.md; null for the whole line." })
  column!: string | null;

  @Field()
  message!: string;
}

@ObjectType({ description: "The outcome of importProjects. With any error, nothing is written." })
export class ImportReport {
  @Field()
  source!: string;

  @Field()
  dryRun!: boolean;

  @Field({ description: "Whether anything was written (false with dryRun, when a line has an error, or when nothing changed)." })
  written!: boolean;

  @Field(() => Int, { description: "Lines of projects read (the header and blank lines aside)." })
  rows!: number;

  @Field(() => Int, { description: "Projects created (with dryRun: that would be); 0 when a line has an error." })
  created!: number;

  @Field(() => Int, { description: "Projects whose fields changed (with dryRun: would change)." })
  updated!: number;

  @Field(() => Int, { description: "Lines whose project already holds the same fields: nothing written, no journal entry." })
  unchanged!: number;

  @Field(() => Int, { description: "Errors found, all counted." })
  errorCount!: number;

  @Field(() => [ImportLineError], { description: "The first 1,000 errors, in file order." })
  errors!: ImportLineError[];
}
