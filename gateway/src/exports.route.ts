import { requestSpan, type Viewer } from "@hub/kit";
import express from "express";
import { answerError, fetchSubgraph, relayAnswer } from "./subgraph-route";

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
      const upstream = await fetchSubgraph("reporting", target, viewer, options.internalTokenSecret, { timeoutMs: options.timeoutMs, span: requestSpan(response) });
      relayAnswer(upstream, response, ["content-type", "content-disposition", "cache-control", "x-content-type-options", "x-hub-current-at"]);
    } catch (error) {
      answerError(response, error);
    }
  });
  return router;
}
