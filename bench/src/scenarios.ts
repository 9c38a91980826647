// What the benchmark sends: the federated query through the gateway, and one query per
// subgraph sent straight to its port with an internal token (the baselines).
import { INTERNAL_TOKEN_HEADER, personViewer, SERVICE_VIEWER, signInternalToken, type Role, type Viewer } from "@hub/kit";
import { HUB_PORT } from "./hub-process";
import type { RequestSpec } from "./load";

export const DEMO_EMAIL = "camille.martin@clermont-ferrand.demo";

export const FEDERATED_QUERY = `query Federated($first: Int!) { projects(first: $first) { edges { node { id title status territory { id name departement { name } stats { projectCount } } owner { name } fundingOpportunities(first: 3) { edges { node { id name } } } } } } }`;

export interface Scenario {
  /** Short name, used in tables, ratios and the JSON results. */
  name: string;
  description: string;
  request: RequestSpec;
  /** Checks the data of a successful answer beyond "no errors" (null when it looks right). */
  inspect: (data: unknown) => string | null;
}

export interface Endpoints {
  gateway: string;
  projects: string;
  peopleTerritories: string;
  funding: string;
  reporting: string;
}

/** The GraphQL endpoints of a hub whose gateway is at `gatewayUrl` (subgraphs on 4001-4004, or their *_PORT). */
export function endpoints(gatewayUrl: string): Endpoints {
  return {
    gateway: new URL("/graphql", gatewayUrl).toString(),
    projects: `http://127.0.0.1:${HUB_PORT.projects}/graphql`,
    peopleTerritories: `http://127.0.0.1:${HUB_PORT.peopleTerritories}/graphql`,
    funding: `http://127.0.0.1:${HUB_PORT.funding}/graphql`,
    reporting: `http://127.0.0.1:${HUB_PORT.reporting}/graphql`,
  };
}

interface GraphqlBody {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** Why an HTTP answer is not a successful GraphQL answer, or null when it is one. */
export function graphqlFailure(status: number, text: string): string | null {
  let body: GraphqlBody;
  try {
    body = JSON.parse(text) as GraphqlBody;
  } catch {
    return `HTTP ${status}, not JSON: ${text.slice(0, 120)}`;
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0];
    return `HTTP ${status}, GraphQL error${body.errors.length > 1 ? `s (${body.errors.length})` : ""}: ${first.extensions?.code ?? ""} ${first.message ?? ""}`.trim();
  }
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  if (body.data === undefined || body.data === null) return `HTTP ${status}, no data`;
  return null;
}

/** Sends one GraphQL request and returns its data; throws with the reason otherwise. */
export async function graphqlOnce(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const failure = graphqlFailure(response.status, text);
  if (failure) throw new Error(`${url}: ${failure}`);
  return (JSON.parse(text) as GraphqlBody).data;
}

/** A session token for a demo account, from the gateway's development sign-in. */
export async function devSessionToken(gatewayUrl: string, email: string): Promise<string> {
  const url = new URL("/auth/dev/token", gatewayUrl);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown }).token;
  } catch {
    // Reported below.
  }
  if (response.status !== 200 || typeof token !== "string") {
    throw new Error(`dev sign-in ${url.href} answered HTTP ${response.status}: ${text.slice(0, 200)} (is the hub in development mode?)`);
  }
  return token;
}

const IDENTITY_QUERY = `query Identity($email: String!) { identity(email: $email) { personId organizationId roles departements communes } }`;

/** The viewer of a demo account, as the gateway builds it: people-territories' `identity`, asked as SERVICE. */
export async function demoViewer(peopleTerritoriesUrl: string, secret: string, email: string): Promise<Viewer> {
  const data = (await graphqlOnce(peopleTerritoriesUrl, { [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, secret) }, IDENTITY_QUERY, { email })) as {
    identity: { personId: string; organizationId: string; roles: Role[]; departements: string[]; communes: string[] } | null;
  };
  if (!data.identity) throw new Error(`people-territories knows no active account for ${email}`);
  return personViewer(data.identity);
}

/**
 * Internal-token headers for `viewer`, re-signed every `refreshMs` (tokens live 60 s), so a
 * long run never sends an expired token and a request does not pay for signing.
 */
export function internalHeaders(viewer: Viewer, secret: string, refreshMs = 20_000): () => Record<string, string> {
  let headers: Record<string, string> = {};
  let signedAt = -Infinity;
  return () => {
    const now = Date.now();
    if (now - signedAt >= refreshMs) {
      headers = { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, secret) };
      signedAt = now;
    }
    return headers;
  };
}

function spec(url: string, headers: () => Record<string, string>, query: string, variables?: Record<string, unknown>): RequestSpec {
  return { url, headers, body: JSON.stringify(variables ? { query, variables } : { query }), check: graphqlFailure };
}

/** The value at `keys` inside parsed JSON, or undefined. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  for (const key of keys) value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** The nodes of the `projects` connection of an answer. */
function projectNodes(data: unknown): unknown[] {
  const edges = at(data, "projects", "edges");
  return Array.isArray(edges) ? edges.map((edge) => at(edge, "node")) : [];
}

/** The federated scenario plus the four single-subgraph baselines, baselines first. */
export function buildScenarios(urls: Endpoints, sessionToken: string, internal: () => Record<string, string>): Scenario[] {
  const gatewayHeaders = { "content-type": "application/json", authorization: `Bearer ${sessionToken}` };
  return [
    {
      name: "projects",
      description: "projects subgraph alone (:4001): projects(first: 10)",
      request: spec(urls.projects, internal, `{ projects(first: 10) { edges { node { id title status themes territory { id } owner { id } } } } }`),
      inspect: (data) => (projectNodes(data).length > 0 ? null : "no projects in the answer"),
    },
    {
      name: "people-territories",
      description: "people-territories subgraph alone (:4002): territory(COMMUNE:63113)",
      request: spec(urls.peopleTerritories, internal, `{ territory(id: "COMMUNE:63113") { id name departement { name } } }`),
      inspect: (data) => (at(data, "territory", "departement", "name") ? null : "no territory/departement in the answer"),
    },
    {
      name: "funding",
      description: "funding subgraph alone (:4003): fundingOpportunity(AT:150000)",
      request: spec(urls.funding, internal, `{ fundingOpportunity(id: "AT:150000") { id name } }`),
      inspect: (data) => (at(data, "fundingOpportunity", "name") ? null : "no fundingOpportunity in the answer"),
    },
    {
      name: "reporting",
      description: "reporting subgraph alone (:4004): portfolio(DEPARTEMENT:63)",
      request: spec(urls.reporting, internal, `{ portfolio(territoryId: "DEPARTEMENT:63") { projectCount } }`),
      inspect: (data) => (typeof at(data, "portfolio", "projectCount") === "number" ? null : "no portfolio.projectCount in the answer"),
    },
    {
      name: "federated",
      description: "gateway (:4000), federated query over the 4 subgraphs: projects(first: 10) with territory, stats, owner, funding",
      request: spec(urls.gateway, () => gatewayHeaders, FEDERATED_QUERY, { first: 10 }),
      inspect: (data) => {
        const nodes = projectNodes(data);
        if (nodes.length === 0) return "no projects in the answer (the federated query touched only the projects subgraph)";
        for (const node of nodes) {
          if (!at(node, "territory", "departement", "name")) return "a project without territory.departement.name (people-territories)";
          if (typeof at(node, "territory", "stats", "projectCount") !== "number") return "a project without territory.stats.projectCount (reporting)";
          if (!at(node, "owner", "name")) return "a project without owner.name (people-territories)";
          if (!Array.isArray(at(node, "fundingOpportunities", "edges"))) return "a project without fundingOpportunities.edges (funding)";
        }
        return null;
      },
    },
  ];
}

/** How many rows the federated answer carries, to show it really fans out. */
export function describeFederatedAnswer(data: unknown): string {
  const nodes = projectNodes(data);
  const aids = nodes.reduce<number>((sum, node) => {
    const edges = at(node, "fundingOpportunities", "edges");
    return sum + (Array.isArray(edges) ? edges.length : 0);
  }, 0);
  const territories = new Set(nodes.map((node) => at(node, "territory", "id"))).size;
  return `${nodes.length} projects, ${territories} distinct territories, ${aids} funding opportunities`;
}
