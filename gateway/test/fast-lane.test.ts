/**
 * The GraphQL fast lane (the kit's withGraphqlFastLane) answers POST /graphql in JSON past
 * express, on the gateway and on every subgraph. It must answer exactly as the express app's own
 * /graphql does: the same status, headers and body, whatever the body. The app's route is
 * reached with a query string (`/graphql?via=app`), which the lane leaves to it.
 */
import { CAMILLE, type Hub, startHub } from "@hub/testing";

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: unknown;
}

/** Headers both must agree on (the request id is per request: only its presence is compared). */
const COMPARED = ["content-type", "content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "retry-after", "cache-control"];

async function ask(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    // Kept as text.
  }
  // The request id is echoed in the answer's extensions too.
  if (typeof parsed === "object" && parsed !== null && "extensions" in parsed) {
    const extensions = (parsed as { extensions: Record<string, unknown> }).extensions;
    if (typeof extensions.requestId === "string") extensions.requestId = "<id>";
  }
  const kept = Object.fromEntries(COMPARED.map((name) => [name, response.headers.get(name)]));
  return { status: response.status, headers: { ...kept, "x-request-id": response.headers.get("x-request-id") ? "<id>" : null }, body: parsed };
}

describe("the GraphQL fast lane answers as the express app's /graphql", () => {
  let hub: Hub;
  let camille: string;
  beforeAll(async () => {
    hub = await startHub();
    camille = await hub.token(CAMILLE);
  });
  afterAll(() => hub.stop());

  const json = { "content-type": "application/json" };
  const query = (text: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query: text, variables });
  const cases: [string, () => string, () => Record<string, string>][] = [
    ["a query as Camille", () => query(`{ me { name organization { name } } }`), () => ({ ...json, authorization: `Bearer ${camille}` })],
    ["a query with variables", () => query(`query($id: ID!) { territory(id: $id) { id name } }`, { id: "COMMUNE:63113" }), () => json],
    ["an anonymous caller asking for a person's data", () => query(`{ me { name } }`), () => json],
    ["a forged session token", () => query(`{ me { name } }`), () => ({ ...json, authorization: "Bearer abc.def.ghi" })],
    ["a syntax error", () => query(`{ me { name `), () => json],
    ["a field that does not exist", () => query(`{ nothing }`), () => json],
    ["charset=utf-8 in the content type", () => query(`{ __typename }`), () => ({ "content-type": "application/json; charset=utf-8" })],
    // Sent as UTF-8: EF BB BF, then the JSON.
    ["a byte order mark before the JSON", () => `\uFEFF${query(`{ __typename }`)}`, () => json],
    ["malformed JSON", () => "{bad", () => json],
    ["an empty body", () => "", () => json],
    ["a body of spaces", () => "   ", () => json],
    ["a JSON string", () => '"{ __typename }"', () => json],
    ["a JSON array (batching is off)", () => `[${query(`{ __typename }`)}]`, () => json],
    ["no query", () => JSON.stringify({ variables: {} }), () => json],
    ["a body over 1 MB", () => JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(1_100_000) }), () => json],
  ];

  it.each(cases)("on the gateway: %s", async (_label, body, headers) => {
    const lane = await ask(`${hub.origin}/graphql`, body(), headers());
    const app = await ask(`${hub.origin}/graphql?via=app`, body(), headers());
    expect(lane).toEqual(app);
    expect(lane.headers["x-request-id"]).toBe("<id>");
    expect(lane.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  it.each(cases.filter(([label]) => !label.includes("Camille") && !label.includes("session")))("on a subgraph (projects): %s", async (_label, body, headers) => {
    const origin = new URL(hub.subgraphs.projects.url).origin;
    expect(await ask(`${origin}/graphql`, body(), headers())).toEqual(await ask(`${origin}/graphql?via=app`, body(), headers()));
  });

  it("takes only POST /graphql in JSON: GET (APQ by hash) and other content types are the app's, answered as before", async () => {
    const get = await fetch(`${hub.origin}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect([get.status, await get.json()]).toEqual([200, { data: { __typename: "Query" }, extensions: { requestId: get.headers.get("x-request-id") } }]);
    const text = await fetch(`${hub.origin}/graphql`, { method: "POST", headers: { "content-type": "text/plain" }, body: query(`{ __typename }`) });
    expect(text.status).toBe(400);
  });
});
