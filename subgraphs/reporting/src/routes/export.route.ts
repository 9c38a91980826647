import { authorize, restError, unauthenticated, viewerFromHeaders, type Logger } from "@hub/kit";
import type express from "express";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { DataSource } from "typeorm";
import { validateExportFilter } from "../rules/export-filter";
import { openExportCursor, OrganizationNames, projectsCsv, type ExportCursor } from "../services/export.service";

export interface ExportRouteOptions {
  dataSource: DataSource;
  secret: string;
  peopleTerritoriesUrl: string;
  publicUrl: string;
  logger: Logger;
}

/**
 * GET /exports/projects.csv?territoryId=…&programme=…&theme=…&status=…&phase=…&from=…&to=…
 * (the gateway forwards it with the caller's internal token): the projects the caller may see,
 * one per line, streamed from a PostgreSQL cursor. `X-Hub-Current-At` says up to which journal
 * cursor it is current.
 */
export function exportRoutes(app: express.Express, options: ExportRouteOptions): void {
  app.get("/exports/projects.csv", async (request, response) => {
    let cursor: ExportCursor | null = null;
    try {
      const viewer = viewerFromHeaders(request.headers, options.secret);
      if (!viewer) throw unauthenticated("A valid internal token from the gateway is required");
      authorize(viewer, "project:read");
      const filter = validateExportFilter(request.query);
      cursor = await openExportCursor(options.dataSource, viewer, filter);
      response.setHeader("content-type", "text/csv; charset=utf-8");
      response.setHeader("content-disposition", 'attachment; filename="projets.csv"');
      response.setHeader("cache-control", "no-store");
      response.setHeader("x-content-type-options", "nosniff");
      response.setHeader("x-hub-current-at", cursor.currentAt);
      const names = new OrganizationNames(options.peopleTerritoriesUrl, options.secret);
      // Back-pressure from the client; the generator closes the cursor however the copy ends.
      await pipeline(Readable.from(projectsCsv(cursor, names, options.publicUrl)), response);
    } catch (error) {
      await cursor?.close();
      const { status, body } = restError(error);
      if (status === 500 || response.headersSent) options.logger.error(`export failed: ${(error as Error).stack ?? String(error)}`);
      if (response.headersSent) {
        // Mid-stream: the client sees a cut transfer, never a file that looks complete.
        response.destroy();
        return;
      }
      response.status(status).json(body);
    }
  });
}
