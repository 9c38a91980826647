import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { INTERNAL_TOKEN_HEADER, signInternalToken, type Viewer } from "@hub/kit";
import { GraphQLError } from "graphql";
import { REQUEST_ID_HEADER } from "./observability/request-id";

export interface GatewayContext {
  viewer: Viewer;
  /** The request's id (x-request-id), passed on to every subgraph. */
  requestId?: string;
}

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, given back in errors (never its address). */
  name: string;
  url: string;
  internalTokenSecret: string;
  /** The longest a call may take, from connecting to the last byte of the answer. */
  timeoutMs: number;
  /** Told of every call: seconds taken, and whether the subgraph answered (the metrics). */
  onCall?: (name: string, seconds: number, ok: boolean) => void;
}

/** An abort by our own timer: minipass-fetch (under make-fetch-happen) names it AbortError, Node's fetch TimeoutError. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/**
 * One subgraph as the gateway calls it: every call carries the internal token signed for the
 * request's viewer, and is abandoned after `timeoutMs` (socket closed). A subgraph that does not
 * answer in time fails like one that is down: its fields are null, with one UPSTREAM_UNAVAILABLE
 * error naming it, and the rest of the query answers.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
    const send = this.fetcher;
    this.fetcher = (url, init) => send(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  }

  willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const viewer = (context as Partial<GatewayContext>).viewer;
    // Requests the gateway makes for itself (none with a static supergraph) carry no viewer.
    if (viewer) request.http?.headers.set(INTERNAL_TOKEN_HEADER, signInternalToken(viewer, this.options.internalTokenSecret));
    const requestId = (context as Partial<GatewayContext>).requestId;
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }

  /**
   * A subgraph refuses a variable its schema cannot read (a scalar such as DateTimeISO the
   * gateway passes through unread) with HTTP 400 and a BAD_USER_INPUT error: the caller's
   * mistake, passed on as such (its message names the variable), not an internal error.
   */
  async errorFromResponse(response: Parameters<RemoteGraphQLDataSource<GatewayContext>["errorFromResponse"]>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
    const refusal = response.status === 400 ? body?.errors?.find((e) => e.extensions?.code === "BAD_USER_INPUT" && typeof e.message === "string") : undefined;
    return refusal ? new GraphQLError(refusal.message as string, { extensions: { code: "BAD_USER_INPUT" } }) : error;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    const started = performance.now();
    const told = (ok: boolean) => this.options.onCall?.(this.options.name, (performance.now() - started) / 1000, ok);
    try {
      const response = await super.process(options);
      told(true);
      return response;
    } catch (error) {
      told(false);
      if (!isAbort(error)) throw error;
      const { name, timeoutMs } = this.options;
      throw new GraphQLError(`Service ${name} is unavailable: no answer within ${timeoutMs} ms`, {
        extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: name },
      });
    }
  }
}
