import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from "@apollo/gateway";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from "@apollo/query-planner";
import { INTERNAL_TOKEN_HEADER, serializeResult, signInternalToken, type Logger, type Viewer } from "@hub/kit";
import {
  GraphQLError,
  isObjectType,
  Kind,
  print,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { Client } from "graphql-ws";
import { LRUCache } from "lru-cache";
import { makeResumable, type ResumableOperation } from "./cursor";
import { SharedUpstream } from "./shared-upstream";
import { subscriberHandle, type Deliver } from "./subscriber-handle";

/** The pseudo-service that hands the event to the query plan as the primary fetch's result. */
const EVENT_SERVICE = "__subscription_event__";
/** Subscription plans kept (the least recently used dropped first). */
const PLAN_CACHE_SIZE = 200;
/** Completions kept: the events every upstream is still working through (the least recently used dropped first). */
const COMPLETION_CACHE_SIZE = 512;

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
  /** Masks the errors of an event as over HTTP (the gateway's formatError); default: as they are. */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** A subscriber's request, as the upstream serving it needs it. */
interface SubscriptionRequest {
  text: string;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  viewer: Viewer;
}

interface Upstream {
  fetch: FetchNode;
  rest?: PlanNode;
  resumable: boolean;
  /** The supergraph it was planned on: its events are completed on it, even after a reload. */
  graph: Graph;
}

/** A supergraph and what is built from it once. */
interface Graph {
  planner: QueryPlanner;
  apiSchema: Schema;
  apiGraphQL: GraphQLSchema;
  supergraphGraphQL: GraphQLSchema;
}

function buildGraph(supergraphSdl: string): Graph {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  return { planner: new QueryPlanner(supergraph), apiSchema, apiGraphQL: apiSchema.toGraphQLJSSchema(), supergraphGraphQL: supergraph.schema.toGraphQLJSSchema() };
}

/**
 * Federated subscriptions on @apollo/gateway's query planner: the plan's `primary` fetch is a
 * graphql-ws subscription to the subgraph owning the root field, authenticated as the
 * subscriber; each event then runs the plan's `rest` (entity fetches to the other subgraphs)
 * with the event as the starting result. Subscribers sending the same operation and variables
 * as the same viewer share one upstream subscription and one completion per event
 * (SharedUpstream). A dropped upstream is re-opened with the last cursor; closing either side
 * closes the other.
 */
export class FederatedSubscriptions {
  private graph: Graph;
  private readonly open = new Set<Client>();
  /** Shared upstream subscriptions by (operation, variables, viewer). */
  private readonly shared = new Map<string, SharedUpstream>();
  /** Plans by operation text and name. */
  private readonly plans = new LRUCache<string, Upstream>({ max: PLAN_CACHE_SIZE });
  /** Recent completions of plans without `rest`, by operation and event data. */
  private readonly completions = new LRUCache<string, Promise<string>>({ max: COMPLETION_CACHE_SIZE });
  /** Every live upstream subscription, shared or not. */
  private readonly live = new Set<SharedUpstream>();

  constructor(private readonly options: FederatedSubscriptionOptions) {
    this.graph = buildGraph(options.supergraphSdl);
  }

  /**
   * Plans new subscriptions on another supergraph (a hot reload; throws, changing nothing, when
   * it does not build). Live subscriptions keep the plan they were made with.
   */
  updateSupergraph(supergraphSdl: string): void {
    this.graph = buildGraph(supergraphSdl);
    this.plans.clear();
    this.completions.clear();
  }

  /**
   * Starts a subscription. Its events go to `deliver` as serialised results; the iterator
   * returned is the subscription's handle (closing it leaves the upstream) and carries only a
   * final error, if the upstream fails, before it ends.
   */
  subscribe(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, viewer: Viewer, deliver: Deliver): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    const text = print(document);
    let upstream: Upstream;
    try {
      upstream = this.cachedPlan(text, document, operationName);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })] };
    }
    const resumable = upstream.resumable ? makeResumable(upstream.fetch.operation, variables) : null;
    // Subscribers resuming after a cursor of their own get their own upstream (their replay is
    // theirs); the others share one with those who sent the same operation as the same viewer.
    const key = resumable?.initialAfter ? null : JSON.stringify([text, operationName ?? null, variables, viewerKey(viewer)]);
    // Joined when graphql-ws first iterates the handle, left when it ends or is returned.
    return subscriberHandle(deliver, (subscriber) => {
      const shared = (key ? this.shared.get(key) : undefined) ?? this.openUpstream(key, upstream, resumable, { text, document, operationName, variables, viewer });
      shared.join(subscriber);
      return () => shared.leave(subscriber);
    });
  }

  /** A new upstream subscription (shared under `key` unless null), open until its last subscriber leaves. */
  private openUpstream(key: string | null, upstream: Upstream, resumable: ResumableOperation | null, request: SubscriptionRequest): SharedUpstream {
    const { text, document, operationName, variables, viewer } = request;
    const operationContext = buildOperationContext({ schema: upstream.graph.apiGraphQL, operationDocument: document, operationName });
    const operationKey = JSON.stringify([text, operationName ?? null, variables]);
    const created: SharedUpstream = new SharedUpstream({
      url: this.options.subgraphUrls[upstream.fetch.serviceName].replace(/^http/, "ws"),
      serviceName: upstream.fetch.serviceName,
      operation: upstream.fetch.operation,
      variables: Object.fromEntries((upstream.fetch.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]])),
      resumable,
      connectionParams: () => ({ [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, this.options.internalTokenSecret) }),
      complete: (data) => this.completeOnce(upstream, data, operationKey, () => this.complete(upstream, data, document, operationName, variables, operationContext, viewer)),
      onClose: () => {
        this.live.delete(created);
        if (key && this.shared.get(key) === created) this.shared.delete(key);
      },
      clients: this.open,
      logger: this.options.logger,
      retries: this.options.retries ?? 20,
    });
    this.live.add(created);
    if (key) this.shared.set(key, created);
    return created;
  }

  /** Subscribers, and the upstream subscriptions serving them (in /health). */
  stats(): { subscribers: number; upstreams: number } {
    let subscribers = 0;
    for (const upstream of this.live) subscribers += upstream.size;
    return { subscribers, upstreams: this.live.size };
  }

  /** Closes every upstream connection (gateway shutdown). */
  async stop(): Promise<void> {
    // graphql-ws types dispose() as void | Promise<void>: its client's resolves once the socket is closing.
    await Promise.all(
      [...this.open].map(async (client) => {
        await client.dispose();
      }),
    );
    this.open.clear();
  }

  /** Plans are kept by operation text: a thousand subscribers of one screen plan it once. */
  private cachedPlan(text: string, document: DocumentNode, operationName: string | undefined): Upstream {
    const key = JSON.stringify([text, operationName ?? null]);
    let upstream = this.plans.get(key);
    if (!upstream) {
      upstream = this.plan(document, operationName);
      this.plans.set(key, upstream);
    }
    return upstream;
  }

  private plan(document: DocumentNode, operationName: string | undefined): Upstream {
    const graph = this.graph;
    const operation = operationFromDocument(graph.apiSchema, document, { operationName });
    const plan = graph.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== "Subscription") throw new GraphQLError("Only subscriptions are served here", { extensions: { code: "BAD_USER_INPUT" } });
    const fetch = plan.node.primary;
    const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
    const first = definition?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
    const rootField = first ? graph.supergraphGraphQL.getSubscriptionType()?.getFields()[first.name.value] : undefined;
    const returned = rootField ? unwrap(rootField.type) : undefined;
    const resumable = !!rootField?.args.some((a) => a.name === "after") && !!returned && isObjectType(returned) && "id" in returned.getFields();
    return { fetch, rest: plan.node.rest, resumable, graph };
  }

  /**
   * Completes an event once for every upstream that received the same data for the same
   * operation and variables, when the plan has no `rest`: the result then depends on nothing
   * else (the subgraph already filtered the event for each viewer), so a thousand viewers who
   * see the same event share one completion and one serialisation. With a `rest`, the other
   * subgraphs answer each viewer for itself: no sharing.
   */
  private completeOnce(upstream: Upstream, data: Record<string, unknown>, operationKey: string, complete: () => Promise<string>): Promise<string> {
    if (upstream.rest) return complete();
    const key = `${operationKey}\n${JSON.stringify(data)}`;
    let completed = this.completions.get(key);
    if (!completed) {
      completed = complete();
      this.completions.set(key, completed);
    }
    return completed;
  }

  /** Runs the rest of the plan for one event and shapes it for the subscriber's operation, serialised. */
  private async complete(
    upstream: Upstream,
    data: Record<string, unknown>,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
    operationContext: ReturnType<typeof buildOperationContext>,
    viewer: Viewer,
  ): Promise<string> {
    const eventSource: GraphQLDataSource = { process: () => Promise.resolve({ data }) };
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
      const result = await executeQueryPlan(queryPlan, serviceMap, requestContext as never, operationContext, upstream.graph.supergraphGraphQL, upstream.graph.apiSchema);
      return serializeResult({ data: result.data, errors: this.masked(result.errors?.map((e: unknown) => (e instanceof GraphQLError ? e : new GraphQLError((e as Error).message)))) });
    } catch (error) {
      return serializeResult({ errors: this.masked([new GraphQLError((error as Error).message, { originalError: error as Error })]) });
    }
  }

  private masked(errors: GraphQLError[] | undefined): GraphQLError[] | undefined {
    const format = this.options.formatError;
    // Formatted errors serialise as GraphQLErrors do (message, locations, path, extensions).
    return errors && format ? (errors.map((e) => format(e.toJSON(), e)) as unknown as GraphQLError[]) : errors;
  }
}

function unwrap(type: import("graphql").GraphQLOutputType): import("graphql").GraphQLNamedType {
  return "ofType" in type ? unwrap(type.ofType as import("graphql").GraphQLOutputType) : type;
}

/** What identifies a viewer for sharing: every claim the subgraphs may read (all of its fields). */
function viewerKey(viewer: Viewer): string {
  return JSON.stringify(viewer, Object.keys(viewer).sort());
}
