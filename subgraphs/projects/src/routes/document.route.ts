import { restError, unauthenticated, upstreamUnavailable, viewerFromHeaders } from "@hub/kit";
import express from "express";
import type { DataSource } from "typeorm";
import { attachDocument, readableDocument } from "../services/document.service";
import type { DocumentStorage } from "../lib/document-storage";

/**
 * File transfers, beside /graphql (the gateway forwards them with the caller's internal token):
 * POST /documents?projectId=…&name=… with the file as the body and its Content-Type;
 * GET /documents/:id streams it after the permission check.
 */
export function documentRoutes(app: express.Express, options: { dataSource: DataSource; storage: DocumentStorage; secret: string; maxBytes: number }): void {
  const viewerOf = (request: express.Request) => {
    const viewer = viewerFromHeaders(request.headers, options.secret);
    if (!viewer) throw unauthenticated("A valid internal token from the gateway is required");
    return viewer;
  };

  app.post("/documents", express.raw({ type: () => true, limit: options.maxBytes + 1 }), async (request, response) => {
    try {
      const document = await attachDocument(options.dataSource, options.storage, viewerOf(request), {
        projectId: queryText(request.query.projectId),
        name: queryText(request.query.name),
        contentType: request.headers["content-type"] ?? "",
        bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        maxBytes: options.maxBytes,
      });
      response.status(201).json({ id: document.id, name: document.name, contentType: document.contentType, size: document.size, sha256: document.sha256 });
    } catch (error) {
      const { status, body } = restError(error);
      response.status(status).json(body);
    }
  });

  app.get("/documents/:id", async (request, response) => {
    try {
      const document = await readableDocument(options.dataSource, viewerOf(request), request.params.id);
      const content = await options.storage.read(document.storageKey).catch(() => {
        throw upstreamUnavailable("The document storage is unavailable");
      });
      response.setHeader("content-type", document.contentType);
      response.setHeader("content-length", String(document.size));
      response.setHeader("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(document.name)}`);
      response.setHeader("x-content-type-options", "nosniff");
      content.on("error", () => response.destroy()).pipe(response);
    } catch (error) {
      const { status, body } = restError(error);
      response.status(status).json(body);
    }
  });

  // Bodies over the limit: a coded 413, like every other refusal.
  app.use("/documents", (error: unknown, _request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (typeof error === "object" && error !== null && "type" in error && error.type === "entity.too.large")
      return void response.status(413).json({ error: { message: `The file is larger than ${options.maxBytes} bytes`, code: "BAD_USER_INPUT" } });
    next(error);
  });
}

/** A query parameter given once as text; "" otherwise (absent, repeated, or `name[x]=...`), which validation refuses. */
function queryText(value: unknown): string {
  return typeof value === "string" ? value : "";
}
