/**
 * Introspection: open to anyone in development; in production, to signed-in callers only
 * (session or programme API key), and graphql-js's "Did you mean ...?" suggestions are removed.
 * Over HTTP and WebSocket, through the real gateway.
 */
import { signSession } from "@hub/gateway";
import { callSubgraph, DEV_INTERNAL_SECRET, personViewer, SERVICE_VIEWER, type PersonIdentity } from "@hub/kit";
import { CAMILLE, NADIA, startHub, TEST_SESSION_SECRET, wsOperation, type Hub } from "@hub/testing";

const SCHEMA = `{ __schema { queryType { name } } }`;
const TYPE_IN_FRAGMENT = `query { ...Look } fragment Look on Query { __type(name: "Project") { name } }`;
const TYPO = `{ projets(first: 1) { edges { node { id } } } }`;
const REFUSED = { message: "Introspection is available to signed-in callers only", extensions: { code: "UNAUTHENTICATED" } };

/** A session for a demo account, signed as the dev sign-in would (production has none). */
async function sessionOf(hub: Hub, email: string): Promise<string> {
  const { identity } = await callSubgraph<{ identity: PersonIdentity }>(
    hub.subgraphs["people-territories"].url,
    DEV_INTERNAL_SECRET,
    SERVICE_VIEWER,
    `query($email: String!) { identity(email: $email) { personId organizationId roles departements communes } }`,
    { email },
  );
  return signSession(personViewer(identity), TEST_SESSION_SECRET);
}

describe("introspection in production", () => {
  let hub: Hub;
  let camille: string;
  let apiKey: string;
  beforeAll(async () => {
    hub = await startHub({ gatewayMode: "production" });
    camille = await sessionOf(hub, CAMILLE);
    const created = await hub.query<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "Programme curieux", scopes: ["projects:read"] }) { key } }`,
      {},
      await sessionOf(hub, NADIA),
    );
    apiKey = created.data!.createApiKey.key;
  });
  afterAll(() => hub.stop());

  it("refuses anonymous callers over HTTP with 401 UNAUTHENTICATED, fragments included; __typename stays open", async () => {
    for (const query of [SCHEMA, TYPE_IN_FRAGMENT]) {
      expect(await hub.query(query)).toEqual({ status: 401, errors: [REFUSED] });
    }
    expect(await hub.query(`{ __typename }`)).toEqual({ status: 200, data: { __typename: "Query" } });
  });

  it("answers signed-in callers: a session and a programme's API key", async () => {
    for (const credential of [camille, apiKey]) {
      expect(await hub.query(SCHEMA, {}, credential)).toEqual({ status: 200, data: { __schema: { queryType: { name: "Query" } } } });
      expect(await hub.query(TYPE_IN_FRAGMENT, {}, credential)).toEqual({ status: 200, data: { __type: { name: "Project" } } });
    }
  });

  it("refuses anonymous sockets and answers signed-in ones over WebSocket", async () => {
    const anonymous = await wsOperation(hub.gatewayUrl, SCHEMA);
    expect(anonymous.results).toEqual([{ errors: [REFUSED] }]);
    const signedIn = await wsOperation(hub.gatewayUrl, SCHEMA, {}, camille);
    expect(signedIn.results).toEqual([{ data: { __schema: { queryType: { name: "Query" } } } }]);
  });

  it("hides the suggestions of validation errors, over HTTP and WebSocket, from everyone", async () => {
    const expected = { message: 'Cannot query field "projets" on type "Query".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    const http = await hub.query(TYPO, {}, camille);
    expect(http.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([expected]);
    const ws = await wsOperation(hub.gatewayUrl, TYPO);
    expect(ws.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([expected]);
  });
});

describe("introspection in development", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it("answers anonymous callers and keeps the suggestions", async () => {
    expect(await hub.query(SCHEMA)).toEqual({ status: 200, data: { __schema: { queryType: { name: "Query" } } } });
    const ws = await wsOperation(hub.gatewayUrl, SCHEMA);
    expect(ws.results).toEqual([{ data: { __schema: { queryType: { name: "Query" } } } }]);
    const typo = await hub.query(TYPO);
    expect(typo.errors?.[0].message).toBe('Cannot query field "projets" on type "Query". Did you mean "projects" or "project"?');
  });
});
