import { isAuthenticated, requestSpan, unauthenticated, type Viewer } from "@hub/kit";
import express from "express";
import { answerError, fetchSubgraph, relayAnswer } from "./subgraph-route";

/**
 * Import files through the gateway: POST /imports?format=CSV|XLSX&dryRun=true&source=… with
 * the file as the body, authenticated like /graphql, streamed to the projects subgraph as it
 * arrives (never held here), which checks the caller's right, the size and every line, and
 * answers the import's report. For files past the 1 MB of a GraphQL request.
 */
export function importsRouter(options: { projectsUrl: string; internalTokenSecret: string; maxBytes: number; authenticate: (authorization: unknown) => Promise<Viewer> }): express.Router {
  const router = express.Router();
  const target = new URL("/imports", options.projectsUrl);

  router.post("/imports", async (request, response) => {
    try {
      const viewer = await options.authenticate(request.headers.authorization);
      if (!isAuthenticated(viewer)) throw unauthenticated();
      if (Number(request.headers["content-length"] ?? 0) > options.maxBytes) {
        response.setHeader("Connection", "close");
        return void response.status(413).json({ error: { message: `The file is larger than ${options.maxBytes} bytes`, code: "BAD_USER_INPUT" } });
      }
      const url = new URL(target);
      for (const name of ["format", "dryRun", "source"]) {
        const value = request.query[name];
        // Repeated or nested, it is no value: the subgraph refuses the empty one.
        if (value !== undefined) url.searchParams.set(name, typeof value === "string" ? value : "");
      }
      const upstream = await fetchSubgraph("projects", url, viewer, options.internalTokenSecret, {
        method: "POST",
        contentType: request.headers["content-type"] ?? "application/octet-stream",
        body: request,
        span: requestSpan(response),
      });
      if (upstream.status === 413) response.setHeader("Connection", "close");
      relayAnswer(upstream, response, ["content-type"]);
    } catch (error) {
      // The body is left unread: the connection cannot be reused.
      answerError(response, error, true);
    }
  });
  return router;
}
