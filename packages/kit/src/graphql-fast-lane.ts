import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { httpErrorAnswer } from "./http-errors";
import type { Tracer } from "./tracing";

/** The largest GraphQL request body a service reads (413 beyond), in the lane and in the app's express.json. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A response as the express middlewares in front of /graphql see it: Node's, with express's `locals`. */
export type LaneResponse = ServerResponse & { locals: Record<string, unknown> };

export interface GraphqlFastLane<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** The app that serves everything else: other routes, and the /graphql requests the lane leaves (GET, other bodies). */
  app: RequestListener;
  /** The service's tracer: with tracing on there is no lane (the app's middlewares open the spans). */
  tracer: Tracer | null;
  /** What the app's middlewares do before /graphql, run first (the gateway's security headers and request id). */
  prepare?: (request: IncomingMessage, response: LaneResponse) => void;
  /** The operation's context, as the app's expressMiddleware builds it (it may throw a GraphQLError with an HTTP status). */
  context: (request: IncomingMessage, response: LaneResponse) => Promise<C>;
  /** Runs the rest of the request in a scope (the subgraphs' statement scope). */
  around?: (handle: () => void) => void;
  /** Told of an unexpected failure (the answer is a 500 without detail). */
  log: (message: string) => void;
}

/** `application/json`, in UTF-8 or without a charset. */
const JSON_UTF8 = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Whether a request takes the lane: POST to exactly /graphql with an uncompressed JSON body in
 * UTF-8, what the web app, the programmes and the gateway's subgraph calls send. Anything else
 * (GET, a query string, another content type or charset, a compressed body) goes to the app.
 */
export function takesFastLane(request: IncomingMessage): boolean {
  if (request.method !== "POST" || request.url !== "/graphql") return false;
  const type = request.headers["content-type"];
  const encoding = request.headers["content-encoding"];
  return typeof type === "string" && JSON_UTF8.test(type) && (encoding === undefined || encoding.toLowerCase() === "identity");
}

/**
 * The request listener of a service: POST /graphql in JSON straight to Apollo, past express's
 * router and body parser (about a sixth of the gateway's CPU on a small query), everything else
 * to the express app. The lane answers as the app would: the same headers (`prepare`), the same
 * context, the body read with the same limit and strictness (an object or an array; an empty
 * body is `{}`), 413 / 400 in the shape of a GraphQL error for a body too large or not JSON, 500
 * without detail for anything unexpected (jsonErrorHandler's answers). With tracing on, the app
 * itself.
 */
export function withGraphqlFastLane<C extends BaseContext>(lane: GraphqlFastLane<C>): RequestListener {
  if (lane.tracer) return lane.app;
  return (request, response) => {
    if (!takesFastLane(request)) {
      lane.app(request, response);
      return;
    }
    const laneResponse = Object.assign(response, { locals: {} });
    lane.prepare?.(request, laneResponse);
    const handle = () => void serve(lane, request, laneResponse).catch((error: unknown) => fail(lane, request, laneResponse, error));
    if (lane.around) lane.around(handle);
    else handle();
  };
}

async function serve<C extends BaseContext>(lane: GraphqlFastLane<C>, request: IncomingMessage, response: LaneResponse): Promise<void> {
  const body = await readJson(request, BODY_LIMIT_BYTES);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const answer = await lane.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: "POST", headers, search: "", body },
    context: () => lane.context(request, response),
  });
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  response.statusCode = answer.status ?? 200;
  if (answer.body.kind === "complete") {
    response.setHeader("content-length", Buffer.byteLength(answer.body.string));
    response.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}

/** The body as JSON, as express.json reads it: at most `limit` bytes, an object or an array, `{}` when empty. */
function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"]);
    if (declared > limit) {
      request.resume();
      reject(Object.assign(new Error("request entity too large"), { type: "entity.too.large" }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners("data");
        request.resume();
        reject(Object.assign(new Error("request entity too large"), { type: "entity.too.large" }));
        return;
      }
      chunks.push(chunk);
    });
    request.on("error", reject);
    request.on("end", () => {
      if (size > limit) return;
      const raw = Buffer.concat(chunks).toString("utf8");
      if (raw.length === 0) return resolve({});
      // A byte order mark is dropped (as express.json's decoder does); strict mode: only an object or an array.
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
      try {
        if (first !== "{" && first !== "[") throw new Error("not an object or an array");
        resolve(JSON.parse(text));
      } catch {
        reject(Object.assign(new Error("invalid JSON"), { type: "entity.parse.failed" }));
      }
    });
  });
}

function fail(lane: { log: (message: string) => void }, request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const { status, body } = httpErrorAnswer(error, "/graphql", `${request.method ?? "POST"} /graphql`, lane.log);
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.setHeader("content-length", Buffer.byteLength(text));
  response.end(text);
}
