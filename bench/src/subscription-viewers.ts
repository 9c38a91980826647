// Who the subscribers of the subscriptions benchmark are, and what the gateway says it holds.
// The gateway shares one upstream subscription between subscribers of the same operation and
// variables as the same viewer, so a round with V viewers must make V distinct viewers: julien
// himself, and V - 1 agents of his DDT. They are real accounts, because the gateway checks that
// the person behind every session is active and still a member (issue "safe by default"):
// julien invites each one into his DDT, and each signs in through people-territories' internal
// ProConnect sign-in, which activates the invited account, as a real first sign-in does.
import { DEV_SESSION_SECRET, signSession } from "@hub/gateway";
import { INTERNAL_TOKEN_HEADER, personViewer, SERVICE_VIEWER, signInternalToken, type PersonIdentity, type Viewer } from "@hub/kit";
import { graphqlOnce } from "./scenarios";

const INVITE = `mutation Invite($input: InvitePersonInput!) { invitePerson(input: $input) { id } }`;
const SIGN_IN = `mutation SignIn($claims: ProConnectClaimsInput!) { signInWithProConnect(claims: $claims) { identity { personId organizationId roles departements communes } refusal } }`;

/**
 * `count` session tokens: julien's own (from the dev sign-in) first, then sessions for agents
 * of his DDT (bench-agent-<i>@ddt63.demo), created on the first run and reused on later ones.
 * The secret must be the gateway's: SESSION_SECRET when the hub has one, else its development default.
 */
export async function viewerTokens(count: number, julienToken: string, julien: Viewer, peopleTerritoriesUrl: string, internalSecret: string): Promise<string[]> {
  return (await agentSessions(count, julienToken, julien, peopleTerritoriesUrl, internalSecret)).map((session) => session.token);
}

/** The same, with each viewer (what the subgraphs see of it: the gateway benchmark signs internal tokens for Hive Gateway). */
export async function agentSessions(count: number, julienToken: string, julien: Viewer, peopleTerritoriesUrl: string, internalSecret: string): Promise<{ token: string; viewer: Viewer }[]> {
  const secret = process.env.SESSION_SECRET || DEV_SESSION_SECRET;
  // Signed for each call: internal tokens live 60 s, and a thousand agents take longer.
  const asJulien = () => ({ [INTERNAL_TOKEN_HEADER]: signInternalToken(julien, internalSecret) });
  const asService = () => ({ [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, internalSecret) });
  const sessions = [{ token: julienToken, viewer: julien }];
  for (let i = 1; i < count; i++) {
    const email = `bench-agent-${i}@ddt63.demo`;
    // CONFLICT on later runs: the agent is a member already.
    await graphqlOnce(peopleTerritoriesUrl, asJulien(), INVITE, { input: { email, givenName: "Agent", usualName: `Banc ${i}`, organizationId: julien.organizationId } }).catch(() => undefined);
    const { signInWithProConnect } = (await graphqlOnce(peopleTerritoriesUrl, asService(), SIGN_IN, { claims: { sub: `bench-agent-${i}`, email } })) as {
      signInWithProConnect: { identity: PersonIdentity | null; refusal: string | null };
    };
    if (!signInWithProConnect.identity) throw new Error(`bench agent ${email} cannot sign in: ${signInWithProConnect.refusal}`);
    const viewer = personViewer(signInWithProConnect.identity);
    sessions.push({ token: signSession(viewer, secret), viewer });
  }
  return sessions;
}

/** The gateway's live subscriptions, from its GET /health (liveness: 200 whatever the subgraphs). */
export async function gatewaySubscriptions(gatewayUrl: string): Promise<{ subscribers: number; upstreams: number }> {
  const url = new URL("/health", gatewayUrl);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let subscriptions: unknown;
  try {
    subscriptions = (JSON.parse(text) as { subscriptions?: unknown }).subscriptions;
  } catch {
    // Reported below.
  }
  const { subscribers, upstreams } = (subscriptions ?? {}) as Record<string, unknown>;
  if (typeof subscribers !== "number" || typeof upstreams !== "number") {
    throw new Error(`${url.href} (HTTP ${response.status}) does not report subscriptions { subscribers, upstreams }: ${text.slice(0, 200)}`);
  }
  return { subscribers, upstreams };
}
