import { INTERNAL_TOKEN_HEADER, restError, signInternalToken, upstreamUnavailable, type Viewer } from "@hub/kit";
import express from "express";
import { Readable } from "node:stream";

/**
 * Exports through the gateway: GET /exports/projects.csv?<filter>, authenticated like /graphql
 * and forwarded with the caller's internal token to the reporting subgraph, which checks
 * permissions and streams the file; the gateway streams it on without holding it.
 */
export function exportsRouter(options: { reportingUrl: string; internalTokenSecret: string; timeoutMs: number; authenticate: (authorization: unknown) => Promise<Viewer> }): express.Router {
  const router = express.Router();
  const base = new URL("/", options.reportingUrl);

  router.get("/exports/projects.csv", async (request, response) => {
    try {
      const viewer = await options.authenticate(request.headers.authorization);
      const target = new URL("/exports/projects.csv", base);
      target.search = new URL(request.originalUrl, "http://gateway").search;
      // The timeout bounds the wait for the answer's headers, not the transfer of a long file.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), options.timeoutMs);
      const upstream = await fetch(target, { headers: { [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, options.internalTokenSecret) }, signal: abort.signal })
        .catch(() => {
          throw upstreamUnavailable("Service reporting is unavailable");
        })
        .finally(() => clearTimeout(timer));
      response.status(upstream.status);
      for (const name of ["content-type", "content-disposition", "cache-control", "x-content-type-options", "x-hub-current-at"]) {
        const value = upstream.headers.get(name);
        if (value) response.setHeader(name, value);
      }
      // Node's web stream type: where lib dom is loaded too (tsconfig.tests.json), fetch's body is DOM's.
      const body = upstream.body as import("node:stream/web").ReadableStream<Uint8Array> | null;
      if (!body) return void response.end();
      // A transfer cut upstream is cut here too; a client that leaves stops the upstream read.
      const stream = Readable.fromWeb(body);
      stream.on("error", () => response.destroy());
      response.on("close", () => stream.destroy());
      stream.pipe(response);
    } catch (error) {
      const { status, body } = restError(error);
      response.status(status).json(body);
    }
  });
  return router;
}
