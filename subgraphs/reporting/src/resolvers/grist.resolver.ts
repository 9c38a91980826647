import { authorize } from "@hub/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { validateExportFilter } from "../rules/export-filter";
import { GristSyncResult, ProjectExportFilter } from "../types/grist.types";

@Resolver()
export class GristResolver {
  @Mutation(() => GristSyncResult, {
    description:
      "Writes the projects you may see that match the filter into a Grist table, one row per project keyed on column projet_id (missing columns are created). " +
      "With keepCurrent, the table is then kept current from the journal. ANCT national agents, and programmes with the grist:sync and projects:read scopes.",
  })
  async syncToGrist(
    @Arg("docId") docId: string,
    @Arg("tableId") tableId: string,
    @Arg("filter", () => ProjectExportFilter, { nullable: true }) filter: ProjectExportFilter | null,
    @Arg("keepCurrent", { defaultValue: false }) keepCurrent: boolean,
    @Ctx() context: Context,
  ): Promise<GristSyncResult> {
    authorize(context.viewer, "grist:sync");
    authorize(context.viewer, "project:read");
    return context.grist.syncNow(context.viewer, docId, tableId, validateExportFilter(Object.fromEntries(Object.entries(filter ?? {})), "filter."), keepCurrent);
  }

  @Mutation(() => Boolean, { description: "Stops keeping a Grist table current (its rows stay); false if it was not kept current." })
  stopGristSync(@Arg("docId") docId: string, @Arg("tableId") tableId: string, @Ctx() context: Context): Promise<boolean> {
    authorize(context.viewer, "grist:sync");
    return context.grist.stop(docId, tableId);
  }
}
