import { ANONYMOUS, DEV_INTERNAL_SECRET, INTERNAL_TOKEN_HEADER, SERVICE_VIEWER, signInternalToken, signViewer, type Viewer } from "@hub/kit";
import { SESSION_AUDIENCE } from "@hub/gateway";
import { CAMILLE, codes, JULIEN, NADIA, SOPHIE, startHub, TEST_SESSION_SECRET, type Hub } from "@hub/testing";

/**
 * Every role against every query and mutation of people-territories, through the gateway:
 * allowed (data, no error) or denied with the expected code, and denied reads leak nothing.
 */
const LEA = "lea.roux@cerema.demo";
const LOUIS = "louis.moreau@anct.demo";
/** `service`: a session token claiming SERVICE, signed with the gateway's session secret: refused everywhere. */
type Who = "anonymous" | "camille" | "julien" | "sophie" | "nadia" | "lea" | "louis" | "programme" | "service";
const EVERYONE: Who[] = ["anonymous", "camille", "julien", "sophie", "nadia", "lea", "louis", "programme", "service"];
type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND";

/** Outcome per role; roles not listed get `otherwise`. */
function expectations(allowed: Partial<Record<Who, Outcome>>, otherwise: Outcome): Record<Who, Outcome> {
  return Object.fromEntries(EVERYONE.map((who) => [who, who === "service" ? "UNAUTHENTICATED" : (allowed[who] ?? (who === "anonymous" ? "UNAUTHENTICATED" : otherwise))])) as Record<Who, Outcome>;
}

let counter = 0;
const uniqueEmail = () => `invite.${process.pid}.${++counter}@exemple.demo`;

interface Operation {
  name: string;
  query: string;
  variables: (ids: Ids) => Record<string, unknown>;
  outcomes: Record<Who, Outcome>;
}
interface Ids {
  camille: string;
  parisAgent: string;
  /** A key of its own for the revocation row, so the programme's key stays valid. */
  revocableKeyId: string;
  /** Julien's pending invitation into Clermont-Ferrand: only he may accept it. */
  julienInvitation: string;
}

const OPERATIONS: Operation[] = [
  { name: "territory", query: `{ territory(id: "COMMUNE:63113") { name } }`, variables: () => ({}), outcomes: expectations({ anonymous: "ok" }, "ok") },
  { name: "territories", query: `{ territories(search: "clermont", first: 2) { edges { node { id } } } }`, variables: () => ({}), outcomes: expectations({ anonymous: "ok" }, "ok") },
  { name: "organization", query: `{ organization(id: "DDT:63") { name } }`, variables: () => ({}), outcomes: expectations({ anonymous: "ok" }, "ok") },
  { name: "me", query: `{ me { id } }`, variables: () => ({}), outcomes: expectations({ camille: "ok", julien: "ok", sophie: "ok", nadia: "ok", lea: "ok", louis: "ok" }, "FORBIDDEN") },
  {
    name: "person (a Clermont-Ferrand agent)",
    query: `query($id: ID!) { person(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.camille }),
    outcomes: expectations({ camille: "ok", julien: "ok", sophie: "ok", nadia: "ok", louis: "ok", lea: "NOT_FOUND" }, "FORBIDDEN"),
  },
  {
    name: "person (a Paris agent)",
    query: `query($id: ID!) { person(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.parisAgent }),
    outcomes: expectations({ nadia: "ok", louis: "ok", camille: "NOT_FOUND", julien: "NOT_FOUND", sophie: "NOT_FOUND", lea: "NOT_FOUND" }, "FORBIDDEN"),
  },
  {
    name: "members of Clermont-Ferrand",
    query: `{ organization(id: "COLLECTIVITE:216301135") { members { edges { node { id } } } } }`,
    variables: () => ({}),
    outcomes: expectations({ camille: "ok", julien: "ok", sophie: "ok", nadia: "ok", louis: "ok" }, "FORBIDDEN"),
  },
  {
    name: "setMyThemes (State agents, their own)",
    query: `mutation { setMyThemes(themes: ["eau", "nature-environnement-risques"]) { id } }`,
    variables: () => ({}),
    outcomes: expectations({ julien: "ok", sophie: "ok" }, "FORBIDDEN"),
  },
  { name: "apiKeys", query: `{ apiKeys { edges { node { id } } } }`, variables: () => ({}), outcomes: expectations({ nadia: "ok" }, "FORBIDDEN") },
  {
    name: "invitePerson into Clermont-Ferrand",
    query: `mutation($email: String!) { invitePerson(input: { email: $email, givenName: "Alex", usualName: "Test", organizationId: "COLLECTIVITE:216301135" }) { id } }`,
    variables: () => ({ email: uniqueEmail() }),
    outcomes: expectations({ camille: "ok", nadia: "ok" }, "FORBIDDEN"),
  },
  {
    name: "invitePerson into the DDT 63",
    query: `mutation($email: String!) { invitePerson(input: { email: $email, givenName: "Alex", usualName: "Test", organizationId: "DDT:63" }) { id } }`,
    variables: () => ({ email: uniqueEmail() }),
    outcomes: expectations({ julien: "ok", nadia: "ok" }, "FORBIDDEN"),
  },
  {
    name: "suspendPerson",
    query: `mutation($id: ID!) { suspendPerson(id: $id) { status } }`,
    variables: (ids) => ({ id: ids.parisAgent }),
    outcomes: expectations({ nadia: "ok" }, "FORBIDDEN"),
  },
  {
    name: "reactivatePerson (after the suspension above)",
    query: `mutation($id: ID!) { reactivatePerson(id: $id) { status } }`,
    variables: (ids) => ({ id: ids.parisAgent }),
    outcomes: expectations({ nadia: "ok" }, "FORBIDDEN"),
  },
  { name: "people (the administration's list)", query: `{ people(first: 5) { edges { node { id } } } }`, variables: () => ({}), outcomes: expectations({ nadia: "ok" }, "FORBIDDEN") },
  {
    name: "createApiKey",
    query: `mutation { createApiKey(input: { name: "Programme", scopes: ["stats:read"] }) { key } }`,
    variables: () => ({}),
    outcomes: expectations({ nadia: "ok" }, "FORBIDDEN"),
  },
  {
    name: "revokeApiKey",
    query: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.revocableKeyId }),
    outcomes: expectations({ nadia: "ok" }, "FORBIDDEN"),
  },
  {
    name: "me { invitations } (only one's own)",
    query: `{ me { invitations { id } } }`,
    variables: () => ({}),
    outcomes: expectations({ camille: "ok", julien: "ok", sophie: "ok", nadia: "ok", lea: "ok", louis: "ok" }, "FORBIDDEN"),
  },
  // Last: Julien joins Clermont-Ferrand by accepting.
  {
    name: "acceptInvitation (Julien's)",
    query: `mutation($id: ID!) { acceptInvitation(id: $id) { role organization { id } } }`,
    variables: (ids) => ({ id: ids.julienInvitation }),
    outcomes: expectations({ julien: "ok", camille: "NOT_FOUND", sophie: "NOT_FOUND", nadia: "NOT_FOUND", lea: "NOT_FOUND", louis: "NOT_FOUND" }, "FORBIDDEN"),
  },
];

describe("people-territories permissions, role by role", () => {
  let hub: Hub;
  const tokens: Partial<Record<Who, string>> = {};
  const ids = {} as Ids;
  beforeAll(async () => {
    hub = await startHub();
    for (const [who, email] of [
      ["camille", CAMILLE],
      ["julien", JULIEN],
      ["sophie", SOPHIE],
      ["nadia", NADIA],
      ["lea", LEA],
      ["louis", LOUIS],
    ] as const) {
      tokens[who] = await hub.token(email);
    }
    const key = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Programme CRTE", scopes: ["projects:read", "stats:read"] }) { key apiKey { id } } }`,
      {},
      tokens.nadia,
    );
    tokens.programme = key.data!.createApiKey.key;
    const [nadiaRow] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [NADIA]);
    tokens.service = signViewer({ ...SERVICE_VIEWER, personId: nadiaRow.id, organizationId: "ANCT:NATIONAL" }, TEST_SESSION_SECRET, SESSION_AUDIENCE, 3600);
    const revocable = await hub.query<{ createApiKey: { apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "À révoquer", scopes: ["stats:read"] }) { apiKey { id } } }`,
      {},
      tokens.nadia,
    );
    ids.revocableKeyId = revocable.data!.createApiKey.apiKey.id;
    const paris = await hub.query<{ invitePerson: { id: string } }>(
      `mutation { invitePerson(input: { email: "agent.paris@paris.demo", givenName: "Paul", usualName: "Lefèvre", organizationId: "COLLECTIVITE:217500016" }) { id } }`,
      {},
      tokens.nadia,
    );
    expect(paris.errors).toBeUndefined();
    // The invitation's answer names no account: the person's id comes from the database.
    [{ id: ids.parisAgent }] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = 'agent.paris@paris.demo'");
    const invitation = await hub.query<{ invitePerson: { id: string } }>(
      `mutation { invitePerson(input: { email: "${JULIEN}", givenName: "Julien", usualName: "Bernard", organizationId: "COLLECTIVITE:216301135" }) { id } }`,
      {},
      tokens.nadia,
    );
    ids.julienInvitation = invitation.data!.invitePerson.id;
    const [camille] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [CAMILLE]);
    ids.camille = camille.id;
  });
  afterAll(() => hub.stop());

  const cases = OPERATIONS.flatMap((op) => EVERYONE.map((who) => [op.name, who, op.outcomes[who], op] as const));

  it.each(cases)("%s as %s → %s", async (_name, who, outcome, op) => {
    const response = await hub.query(op.query, op.variables(ids), tokens[who]);
    if (outcome === "ok") {
      expect(response.errors).toBeUndefined();
      expect(response.data).toBeTruthy();
    } else {
      expect(codes(response)).toEqual([outcome]);
      expect(response.data ?? null).toBeNull();
    }
  });

  it("answers an invisible person exactly as an unknown one", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const hidden = await hub.query(`query($id: ID!) { person(id: $id) { id } }`, { id: ids.parisAgent }, tokens.julien);
    const missing = await hub.query(`query($id: ID!) { person(id: $id) { id } }`, { id: unknown }, tokens.julien);
    expect(JSON.stringify(hidden).replace(ids.parisAgent, "ID")).toEqual(JSON.stringify(missing).replace(unknown, "ID"));
  });

  it("hides names and emails from analysts, not from State agents", async () => {
    const query = `query($id: ID!) { person(id: $id) { name email givenName usualName status } }`;
    const analyst = await hub.query(query, { id: ids.camille }, tokens.louis);
    expect(analyst.data).toEqual({ person: { name: null, email: null, givenName: null, usualName: null, status: "ACTIVE" } });
    const state = await hub.query(query, { id: ids.camille }, tokens.julien);
    expect(state.data).toEqual({ person: { name: "Camille Martin", email: CAMILLE, givenName: "Camille", usualName: "Martin", status: "ACTIVE" } });
  });

  it("stops accepting an API key once revoked", async () => {
    const key = await hub.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "Éphémère", scopes: ["stats:read"] }) { key apiKey { id } } }`,
      {},
      tokens.nadia,
    );
    const { key: secret, apiKey } = key.data!.createApiKey;
    const before = await hub.query(`{ portfolio(territoryId: "REGION:84") { projectCount } }`, {}, secret);
    expect(before.errors).toBeUndefined();
    // Scopes hold: a stats key does not read projects.
    expect(codes(await hub.query(`{ projects { edges { node { id } } } }`, {}, secret))).toEqual(["FORBIDDEN"]);
    await hub.query(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id }, tokens.nadia);
    const [row] = await hub.sql<{ revoked: boolean; stored: string }>("people-territories", "SELECT revoked_at IS NOT NULL AS revoked, secret_hash AS stored FROM api_key WHERE id = $1", [apiKey.id]);
    expect(row.revoked).toBe(true);
    // The secret part (it may itself contain "_"): neither it nor the key is stored.
    const secretPart = secret.slice("hubk_".length + 12 + 1);
    expect(secretPart).toHaveLength(43);
    expect(row.stored).not.toContain(secretPart);
    expect(row.stored).toMatch(/^[0-9a-f]{64}$/);
    const after = await hub.query(`{ portfolio(territoryId: "REGION:84") { projectCount } }`, {}, secret);
    expect(after.status).toBe(401);
    expect(codes(after)).toEqual(["UNAUTHENTICATED"]);
  });

  it.each([
    ["identity", `{ identity(email: "${CAMILLE}") { personId } }`],
    ["apiKeyIdentity", `{ apiKeyIdentity(key: "hubk_000000000000_${"a".repeat(43)}") { apiKeyId } }`],
    ["signInWithProConnect", `mutation { signInWithProConnect(claims: { sub: "x", email: "${CAMILLE}" }) { refusal } }`],
    ["sessionStatus", `{ sessionStatus(sessions: [{ personId: "00000000-0000-4000-8000-000000000001", organizationId: "ANCT:NATIONAL", role: "ANCT_NATIONAL" }]) }`],
  ])("keeps the gateway-only %s to the gateway: hidden from the graph, FORBIDDEN to anyone else on the subgraph's port", async (name, query) => {
    expect(codes(await hub.query(query, {}, tokens.nadia))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const call = (viewer: Viewer) =>
      fetch(hub.subgraphs["people-territories"].url, {
        method: "POST",
        headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, DEV_INTERNAL_SECRET) },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions: { code: string } }[] }>);
    const nadia = { ...ANONYMOUS, personId: "00000000-0000-4000-8000-000000000001", organizationId: "ANCT:NATIONAL", roles: ["ANCT_NATIONAL" as const] };
    expect((await call(nadia)).errors?.map((e) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    // The gateway itself gets an answer: no error, and the field answered (not a null `data`).
    const service = await call(SERVICE_VIEWER);
    expect(service.errors).toBeUndefined();
    expect(Object.keys(service.data ?? {})).toEqual([name]);
  });
});
