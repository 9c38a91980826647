import { isAuthenticated, restError, unauthenticated, upstreamUnavailable, type Viewer } from "@hub/kit";
import express from "express";
import { printSchema, type GraphQLSchema } from "graphql";
import { existsSync } from "node:fs";
import { join } from "node:path";

export interface ExplorerOptions {
  webDist: string;
  /** The API schema as served (no @inaccessible field), once loaded. */
  apiSchema: () => GraphQLSchema | null;
  authenticate: (authorization: unknown) => Promise<Viewer>;
}

/**
 * GET /explorer: the GraphQL explorer (GraphiQL, built by the web workspace as its second page,
 * `explorer.html`), on this origin. Its policy is the web app's (security-headers.ts) plus
 * fonts from data: URLs, which GraphiQL's stylesheet embeds: nothing is loaded from elsewhere.
 * GET /explorer/schema.graphql: the API schema's SDL with its descriptions, for signed-in
 * callers (a session or an API key): the explorer's documentation in one static answer (in
 * production, introspection too is for signed-in callers only). It is the public contract (schema/supergraph.graphql, less
 * @inaccessible), not a secret; anonymous callers get 401 all the same.
 */
export function explorerRouter(options: ExplorerOptions): express.Router {
  const router = express.Router();
  const page = join(options.webDist, "explorer.html");
  router.get(["/explorer", "/explorer/"], (_request, response, next) => {
    if (!existsSync(page)) {
      next();
      return;
    }
    const policy = response.getHeader("Content-Security-Policy");
    if (typeof policy === "string") response.setHeader("Content-Security-Policy", policy.replace("img-src 'self' data:;", "img-src 'self' data:; font-src 'self' data:;"));
    response.sendFile(page);
  });
  router.get("/explorer/schema.graphql", async (request, response) => {
    try {
      if (!isAuthenticated(await options.authenticate(request.headers.authorization))) throw unauthenticated("Sign in to read the schema");
      const schema = options.apiSchema();
      if (!schema) throw upstreamUnavailable("The schema is not loaded yet");
      response.type("text/plain; charset=utf-8").send(printSchema(schema));
    } catch (error) {
      const { status, body } = restError(error);
      response.status(status).json(body);
    }
  });
  return router;
}
