import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from "@apollo/gateway";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from "@apollo/query-planner";
import { INTERNAL_TOKEN_HEADER, signInternalToken, upstreamUnavailable, type Logger, type Viewer } from "@hub/kit";
import { GraphQLError, isObjectType, Kind, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { AsyncQueue } from "./async-queue";
import { CURSOR_ALIAS, makeResumable } from "./cursor";

/** The pseudo-service that hands the event to the query plan as the primary fetch's result. */
const EVENT_SERVICE = "__subscription_event__";

export interface FederatedSubscriptionOptions {
  supergraphSdl: string;
  /** Data sources by subgraph name, as the gateway's (they add the internal token). */
  dataSources: Record<string, GraphQLDataSource>;
  /** Subgraph GraphQL URLs by name (http…/graphql; WebSocket on the same path). */
  subgraphUrls: Record<string, string>;
  internalTokenSecret: string;
  logger: Logger;
  /** Reconnection attempts after the upstream drops (default 20, backing off up to 5 s). */
  retries?: number;
}

interface Upstream {
  fetch: FetchNode;
  rest?: PlanNode;
  resumable: boolean;
}

/**
 * Federated subscriptions on @apollo/gateway's query planner: the plan's `primary` fetch is a
 * graphql-ws subscription to the subgraph owning the root field (one upstream connection per
 * subscriber, authenticated as that subscriber); each event then runs the plan's `rest`
 * (entity fetches to the other subgraphs) with the event as the starting result. A dropped
 * upstream is re-opened with the last cursor; closing either side closes the other.
 */
export class FederatedSubscriptions {
  private readonly supergraph: Supergraph;
  private readonly planner: QueryPlanner;
  private readonly apiSchema: Schema;
  private readonly apiGraphQL: GraphQLSchema;
  private readonly supergraphGraphQL: GraphQLSchema;
  private readonly open = new Set<Client>();

  constructor(private readonly options: FederatedSubscriptionOptions) {
    this.supergraph = Supergraph.build(options.supergraphSdl);
    this.planner = new QueryPlanner(this.supergraph);
    this.apiSchema = this.supergraph.apiSchema();
    this.apiGraphQL = this.apiSchema.toGraphQLJSSchema();
    this.supergraphGraphQL = this.supergraph.schema.toGraphQLJSSchema();
  }

  subscribe(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, viewer: Viewer): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    let upstream: Upstream;
    try {
      upstream = this.plan(document, operationName);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })] };
    }
    const operationContext = buildOperationContext({ schema: this.apiGraphQL, operationDocument: document, operationName });
    const usedVariables = Object.fromEntries((upstream.fetch.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]));
    const resumable = upstream.resumable ? makeResumable(upstream.fetch.operation, variables) : null;
    let after = resumable?.initialAfter ?? null;
    let client: Client | null = null;
    let stopped = false;
    const queue = new AsyncQueue<ExecutionResult>(() => {
      stopped = true;
      if (client) void this.close(client);
    });

    // Events are completed one after the other, so the subscriber gets them in journal order.
    let chain = Promise.resolve();
    const onEvent = (data: Record<string, unknown>) => {
      const event = resumable ? (data[resumable.rootKey] as Record<string, unknown> | undefined) : undefined;
      if (event && typeof event[CURSOR_ALIAS] === "string") after = event[CURSOR_ALIAS] as string;
      chain = chain.then(async () => queue.push(await this.complete(upstream, data, document, operationName, variables, operationContext, viewer)));
    };

    const connect = (attempt: number): void => {
      if (stopped) return;
      const current = createClient({
        url: this.options.subgraphUrls[upstream.fetch.serviceName].replace(/^http/, "ws"),
        webSocketImpl: WebSocket,
        connectionParams: () => ({ [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, this.options.internalTokenSecret) }),
        retryAttempts: 0,
        lazy: true,
      });
      client = current;
      this.open.add(current);
      let received = false;
      current.subscribe<Record<string, unknown>>(
        { query: resumable?.operation ?? upstream.fetch.operation, variables: resumable ? { ...usedVariables, [resumable.afterVariable]: after } : usedVariables },
        {
          next: (result) => {
            received = true;
            if (result.data) onEvent(result.data);
            else if (result.errors) queue.push({ errors: result.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions })) });
          },
          complete: () => {
            void this.close(current);
            // After the events still being completed.
            void chain.then(() => queue.end());
          },
          error: (error: unknown) => {
            void this.close(current);
            if (stopped) return;
            // The subgraph refused the operation itself (not a dropped connection): say so, stop.
            if (Array.isArray(error)) {
              queue.push({ errors: error.map((e: { message: string; extensions?: Record<string, unknown> }) => new GraphQLError(e.message, { extensions: e.extensions })) });
              queue.end();
              return;
            }
            const retries = this.options.retries ?? 20;
            if (!resumable || attempt >= retries) {
              queue.push({ errors: [upstreamUnavailable(`Service ${upstream.fetch.serviceName} is unavailable`)] });
              queue.end();
              return;
            }
            this.options.logger.warn(`subscription upstream ${upstream.fetch.serviceName} dropped (${describe(error)}); resuming after ${after ?? "start"}`);
            setTimeout(() => connect(received ? 0 : attempt + 1), Math.min(5000, 100 * 2 ** attempt));
          },
        },
      );
    };
    connect(0);
    return queue;
  }

  /** Closes every upstream connection (gateway shutdown). */
  async stop(): Promise<void> {
    await Promise.all([...this.open].map((client) => this.close(client)));
  }

  private async close(client: Client): Promise<void> {
    this.open.delete(client);
    await client.dispose();
  }

  private plan(document: DocumentNode, operationName: string | undefined): Upstream {
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const plan = this.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== "Subscription") throw new GraphQLError("Only subscriptions are served here", { extensions: { code: "BAD_USER_INPUT" } });
    const fetch = plan.node.primary;
    const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
    const first = definition?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
    const rootField = first ? this.supergraphGraphQL.getSubscriptionType()?.getFields()[first.name.value] : undefined;
    const returned = rootField ? unwrap(rootField.type) : undefined;
    const resumable = !!rootField?.args.some((a) => a.name === "after") && !!returned && isObjectType(returned) && "id" in returned.getFields();
    return { fetch, rest: plan.node.rest, resumable };
  }

  /** Runs the rest of the plan for one event and shapes it for the subscriber's operation. */
  private async complete(
    upstream: Upstream,
    data: Record<string, unknown>,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
    operationContext: ReturnType<typeof buildOperationContext>,
    viewer: Viewer,
  ): Promise<ExecutionResult> {
    const eventSource: GraphQLDataSource = { process: async () => ({ data }) };
    const serviceMap: ServiceMap = { ...this.options.dataSources, [EVENT_SERVICE]: eventSource };
    const primary: FetchNode = { ...upstream.fetch, serviceName: EVENT_SERVICE };
    const queryPlan: QueryPlan = { kind: "QueryPlan", node: upstream.rest ? { kind: "Sequence", nodes: [primary, upstream.rest] } : primary };
    const requestContext = {
      request: { query: undefined, variables, operationName },
      context: { viewer },
      metrics: {},
      logger: { debug: () => {}, info: () => {}, warn: this.options.logger.warn, error: this.options.logger.error },
      document,
    };
    try {
      const result = await executeQueryPlan(queryPlan, serviceMap, requestContext as never, operationContext, this.supergraphGraphQL, this.apiSchema);
      return { data: result.data, errors: result.errors?.map((e: unknown) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message)))) };
    } catch (error) {
      return { errors: [new GraphQLError((error as Error).message)] };
    }
  }
}

function unwrap(type: import("graphql").GraphQLOutputType): import("graphql").GraphQLNamedType {
  return "ofType" in type ? unwrap(type.ofType as import("graphql").GraphQLOutputType) : type;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const code = (error as { code?: number })?.code;
  return code ? `close ${code}` : String(error);
}
