import { authorize, badInput, restError, unauthenticated, viewerFromHeaders } from "@hub/kit";
import type express from "express";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { importProjects } from "../services/project-import.service";

/** A body over the limit: answered 413, the connection closed. */
class TooLarge extends Error {}

/**
 * Import files of any size, beside /graphql (whose requests the gateway caps at 1 MB): POST
 * /imports?format=CSV|XLSX&dryRun=true&source=… with the file as the body, forwarded by the
 * gateway as it arrives. The body goes to a temporary file (the import reads it twice, never
 * whole in memory), removed once the report is sent: the same JSON as `importProjects`.
 */
export function importRoutes(app: express.Express, options: { dataSource: DataSource; secret: string; maxBytes: number }): void {
  app.post("/imports", async (request, response) => {
    let folder: string | null = null;
    try {
      const viewer = viewerFromHeaders(request.headers, options.secret);
      if (!viewer) throw unauthenticated("A valid internal token from the gateway is required");
      // Refused before a byte of the body is read.
      authorize(viewer, "project:import");
      const format = queryText(request.query.format, "CSV").toUpperCase();
      if (format !== "CSV" && format !== "XLSX") throw badInput("format must be CSV or XLSX", "format");
      const dryRun = queryText(request.query.dryRun, "false");
      if (dryRun !== "true" && dryRun !== "false") throw badInput("dryRun must be true or false", "dryRun");
      folder = await mkdtemp(join(tmpdir(), "hub-import-"));
      const path = join(folder, "file");
      await receive(request, path, options.maxBytes);
      const report = await importProjects(options.dataSource, viewer, () => createReadStream(path), { format, dryRun: dryRun === "true", source: queryText(request.query.source, "import") });
      response.json(report);
    } catch (error) {
      if (error instanceof TooLarge) {
        response.setHeader("Connection", "close");
        return void response.status(413).json({ error: { message: `The file is larger than ${options.maxBytes} bytes`, code: "BAD_USER_INPUT" } });
      }
      const { status, body } = restError(error);
      response.status(status).json(body);
    } finally {
      if (folder) await rm(folder, { recursive: true, force: true });
    }
  });
}

/**
 * Writes the request's body to `path`, failing with TooLarge past `maxBytes`. The rest of a
 * body too large is read and dropped, not cut off, so that the 413 reaches the caller before
 * the connection closes.
 */
function receive(request: express.Request, path: string, maxBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path);
    let received = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      request.unpipe(file);
      request.resume();
      file.destroy();
      reject(error);
    };
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) fail(new TooLarge());
    });
    request.on("error", fail);
    request.on("close", () => {
      if (!request.complete) fail(new Error("the upload was interrupted"));
    });
    file.on("error", fail);
    file.on("finish", () => {
      if (!failed) resolve();
    });
    request.pipe(file);
  });
}

/** A query parameter given once as text, else `fallback` (absent); repeated or nested, it is refused as invalid. */
function queryText(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  return typeof value === "string" ? value : "\u0000";
}
