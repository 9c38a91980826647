import { isAuthenticated, requestSpan, unauthenticated, type Viewer } from "@hub/kit";
import express from "express";
import { answerError, fetchSubgraph, relayAnswer } from "./subgraph-route";

/**
 * Documents through the gateway: POST /projects/:projectId/documents?name=… (the file as the
 * body, with its Content-Type) and GET /documents/:id, authenticated like /graphql and
 * forwarded to the projects subgraph, which checks permissions, types and sizes.
 */
export function documentsRouter(options: { projectsUrl: string; internalTokenSecret: string; maxBytes: number; authenticate: (authorization: unknown) => Promise<Viewer> }): express.Router {
  const router = express.Router();
  const base = new URL("/", options.projectsUrl);

  // The caller is known before a byte of the body is read: an anonymous or forged upload is
  // refused at once (and the connection closed, so its body is never read either).
  const authenticateFirst: express.RequestHandler = async (request, response, next) => {
    try {
      const viewer = await options.authenticate(request.headers.authorization);
      if (!isAuthenticated(viewer)) throw unauthenticated();
      response.locals.viewer = viewer;
      next();
    } catch (error) {
      answerError(response, error, true);
    }
  };

  router.post("/projects/:projectId/documents", authenticateFirst, express.raw({ type: () => true, limit: options.maxBytes + 1 }), async (request, response) => {
    try {
      const viewer = response.locals.viewer as Viewer;
      const target = new URL("/documents", base);
      target.searchParams.set("projectId", String(request.params.projectId));
      // Repeated or nested (name[x]=...), it is no name: the subgraph refuses the empty one.
      target.searchParams.set("name", typeof request.query.name === "string" ? request.query.name : "");
      const upstream = await fetchSubgraph("projects", target, viewer, options.internalTokenSecret, {
        method: "POST",
        contentType: request.headers["content-type"] ?? "application/octet-stream",
        body: Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : new Uint8Array(),
        span: requestSpan(response),
      });
      relayAnswer(upstream, response, ["content-type"]);
    } catch (error) {
      answerError(response, error);
    }
  });

  router.get("/documents/:id", async (request, response) => {
    try {
      const viewer = await options.authenticate(request.headers.authorization);
      const upstream = await fetchSubgraph("projects", new URL(`/documents/${encodeURIComponent(request.params.id)}`, base), viewer, options.internalTokenSecret, { span: requestSpan(response) });
      relayAnswer(upstream, response, ["content-type", "content-length", "content-disposition", "x-content-type-options"]);
    } catch (error) {
      answerError(response, error);
    }
  });

  router.use((error: { type?: string }, _request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (error.type === "entity.too.large") return void response.status(413).json({ error: { message: `The file is larger than ${options.maxBytes} bytes`, code: "BAD_USER_INPUT" } });
    next(error);
  });
  return router;
}
