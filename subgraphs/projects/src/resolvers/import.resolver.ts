import { badInput } from "@hub/kit";
import { Readable } from "node:stream";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { importProjects } from "../services/project-import.service";
import { ImportFormat, ImportReport } from "../types/import.types";

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      "Imports existing projects (docs/import-format.md): ANCT national agents, and API keys with the `projects:import` scope. Every line is checked first; with any error nothing is written and the report lists them. Idempotent on (source, external id).",
  })
  importProjects(
    @Arg("content", { description: "The file: CSV text, or an XLSX workbook in base64 (the request's 1 MB limit applies; `npm run import` takes any size)." }) content: string,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("format", () => ImportFormat, { defaultValue: ImportFormat.CSV }) format: ImportFormat,
    @Arg("dryRun", { defaultValue: false, description: "Check and count only; nothing is written." }) dryRun: boolean,
    @Arg("source", { defaultValue: "import", description: "Whose external ids these are (1 to 80 characters): the same id in another source is another project." }) source: string,
  ): Promise<ImportReport> {
    const bytes = format === ImportFormat.XLSX ? Buffer.from(content, "base64") : Buffer.from(content, "utf8");
    if (format === ImportFormat.XLSX && bytes.toString("base64").replace(/=+$/, "") !== content.replace(/\s/g, "").replace(/=+$/, "")) throw badInput("An XLSX content must be base64", "content");
    return importProjects(dataSource, viewer, () => Readable.from([bytes]), { format, dryRun, source });
  }
}
