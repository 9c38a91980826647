import { DEV_INTERNAL_SECRET, INTERNAL_TOKEN_HEADER, SERVICE_VIEWER, signInternalToken } from "@hub/kit";
import { announcePersonChanged } from "@hub/people-territories";
import { CAMILLE, codes, JULIEN, NADIA, startHub, wsOperation, type Hub } from "@hub/testing";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

const PERSON_CHANGED = `subscription { personChanged { id email name status memberships { role organization { id } } } }`;

interface Changed {
  id: string;
  email: string;
  name: string;
  status: string;
  memberships: { role: string; organization: { id: string } }[];
}

/** A subscriber to personChanged through the gateway, which records what it receives and can wait for it. */
class Subscriber {
  readonly people: Changed[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private waiters: (() => void)[] = [];

  constructor(url: string, token: string) {
    this.client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    this.client.subscribe<{ personChanged: Changed }>(
      { query: PERSON_CHANGED },
      {
        next: (result) => {
          if (result.errors) this.errors.push(result.errors);
          if (result.data) this.people.push(result.data.personChanged);
          for (const waiter of this.waiters.splice(0)) waiter();
        },
        error: (error) => this.errors.push(error),
        complete: () => undefined,
      },
    );
  }

  /** The next person received after those already seen (`seen`: how many were), within 10 s. */
  async next(seen: number): Promise<Changed> {
    const deadline = Date.now() + 10_000;
    while (this.people.length <= seen) {
      if (Date.now() > deadline) throw new Error(`no person announced after the ${seen} received`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.people[seen];
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

/**
 * personChanged through the gateway, over WebSocket: an ANCT national agent hears the changes
 * another one makes to accounts (an invitation, a first sign-in, a suspension, a reactivation),
 * each after it was committed and never one that failed or was rolled back; anyone else is
 * refused. The people-territories subgraph LISTENs on PostgreSQL, re-opening a dropped connection.
 */
describe("people changed, live", () => {
  let hub: Hub;
  let nadia: string;
  let paul: string;
  let watcher: Subscriber;
  const PAUL = "paul.garcia@anct.demo";

  const idOf = async (email: string) => (await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [email]))[0].id;
  const mutate = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await hub.query(query, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  };
  const statusInList = async (email: string) => {
    const listed = await hub.query<{ people: { edges: { node: { status: string } }[] } }>(`query($s: String) { people(filter: { search: $s }) { edges { node { status } } } }`, { s: email }, nadia);
    return listed.data!.people.edges.map((e) => e.node.status);
  };
  /** Nadia saves her notification frequency until her own subscriber hears it: its subscription is then live up to the subgraph. */
  const untilLive = async (subscriber: Subscriber) => {
    const nadiaId = await idOf(NADIA);
    for (let attempt = 0; attempt < 50; attempt++) {
      const seen = subscriber.people.length;
      await mutate(nadia, `mutation { setNotificationFrequency(frequency: IMMEDIATE) { id } }`);
      try {
        await Promise.race([subscriber.next(seen), new Promise((_, reject) => setTimeout(() => reject(new Error("not yet")), 200))]);
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (subscriber.people.slice(seen).every((p) => p.id === nadiaId)) return subscriber.people.length;
      } catch {
        // Not subscribed up to the subgraph yet: try again.
      }
    }
    throw new Error("the subscription never became live");
  };

  beforeAll(async () => {
    hub = await startHub();
    nadia = await hub.token(NADIA);
    watcher = new Subscriber(hub.gatewayUrl.replace(/^http/, "ws"), nadia);
    await untilLive(watcher);
  });
  afterAll(async () => {
    await watcher.close();
    await hub.stop();
  });

  it("announces an invitation (a pending person) and the invitee's first sign-in (active)", async () => {
    const seen = watcher.people.length;
    await mutate(nadia, `mutation { invitePerson(input: { email: "${PAUL}", givenName: "Paul", usualName: "Garcia", organizationId: "ANCT:NATIONAL" }) { id } }`);
    const invited = await watcher.next(seen);
    expect(invited).toMatchObject({ email: PAUL, name: "Paul Garcia", status: "PENDING", memberships: [{ role: "ANCT_NATIONAL", organization: { id: "ANCT:NATIONAL" } }] });

    // His first sign-in, as the gateway asks it after ProConnect (an internal mutation).
    const response = await fetch(hub.subgraphs["people-territories"].url, {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, DEV_INTERNAL_SECRET) },
      body: JSON.stringify({ query: `mutation { signInWithProConnect(claims: { sub: "paul-sub", email: "${PAUL}", givenName: "Paul", usualName: "Garcia" }) { refusal } }` }),
    });
    expect(await response.json()).toEqual({ data: { signInWithProConnect: { refusal: null } } });
    expect(await watcher.next(seen + 1)).toMatchObject({ id: invited.id, status: "ACTIVE" });
    paul = await hub.token(PAUL);
    expect(watcher.errors).toEqual([]);
  });

  it("announces another administrator's suspension and reactivation, once committed", async () => {
    const julien = await idOf(JULIEN);
    const seen = watcher.people.length;
    // The list is read the moment the change is heard: it is already committed.
    const heard = watcher.next(seen).then(async (person) => ({ person, listed: await statusInList(JULIEN) }));
    await mutate(paul, `mutation($id: ID!) { suspendPerson(id: $id) { id } }`, { id: julien });
    expect(await heard).toEqual({ person: expect.objectContaining({ id: julien, email: JULIEN, name: "Julien Bernard", status: "SUSPENDED" }) as unknown, listed: ["SUSPENDED"] });

    await mutate(paul, `mutation($id: ID!) { reactivatePerson(id: $id) { id } }`, { id: julien });
    expect(await watcher.next(seen + 1)).toMatchObject({ id: julien, status: "ACTIVE", memberships: [{ role: "STATE_AGENT", organization: { id: "DDT:63" } }] });
    expect(watcher.errors).toEqual([]);
  });

  it("announces nothing for a mutation that failed, nor for a change rolled back", async () => {
    const julien = await idOf(JULIEN);
    const seen = watcher.people.length;
    // Refused: Julien is not suspended (CONFLICT); already a member of the DDT (CONFLICT).
    expect(codes(await hub.query(`mutation($id: ID!) { reactivatePerson(id: $id) { id } }`, { id: julien }, paul))).toEqual(["CONFLICT"]);
    expect(codes(await hub.query(`mutation { invitePerson(input: { email: "${JULIEN}", givenName: "Julien", usualName: "Bernard", organizationId: "DDT:63" }) { id } }`, {}, paul))).toEqual([
      "CONFLICT",
    ]);
    // A transaction that changes Julien and announces it, then fails: rolled back, unheard.
    const dataSource = hub.subgraphs["people-territories"].database.dataSource;
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE person SET status = 'SUSPENDED' WHERE id = $1`, [julien]);
        await announcePersonChanged(manager, julien);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await statusInList(JULIEN)).toEqual(["ACTIVE"]);
    // The next thing heard is the next change committed: Camille's suspension.
    const camille = await idOf(CAMILLE);
    await mutate(paul, `mutation($id: ID!) { suspendPerson(id: $id) { id } }`, { id: camille });
    expect(await watcher.next(seen)).toMatchObject({ id: camille, status: "SUSPENDED" });
    expect(watcher.people.slice(seen).map((p) => p.id)).toEqual([camille]);
    await mutate(paul, `mutation($id: ID!) { reactivatePerson(id: $id) { id } }`, { id: camille });
    await watcher.next(seen + 1);
  });

  it("refuses anyone who may not read people: FORBIDDEN for a collectivité's agent, UNAUTHENTICATED when anonymous", async () => {
    const camille = await hub.token(CAMILLE);
    const refused = await wsOperation(hub.gatewayUrl, PERSON_CHANGED, {}, camille);
    expect([...(refused.errors ?? []), ...refused.results.flatMap((r) => r.errors ?? [])].map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const anonymous = await wsOperation(hub.gatewayUrl, PERSON_CHANGED);
    expect([...(anonymous.errors ?? []), ...anonymous.results.flatMap((r) => r.errors ?? [])].map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("hears changes again once its dropped LISTEN connection is re-opened", async () => {
    const listening = () => hub.sql<{ pid: number }>("people-territories", `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN hub_person_changed'`);
    const [before] = await listening();
    expect(before).toBeDefined();
    await hub.sql("people-territories", "SELECT pg_terminate_backend($1)", [before.pid]);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await listening();
      if (now.length === 1 && now[0].pid !== before.pid) break;
      if (Date.now() > deadline) throw new Error("the LISTEN connection was not re-opened");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const julien = await idOf(JULIEN);
    const seen = watcher.people.length;
    await mutate(paul, `mutation($id: ID!) { suspendPerson(id: $id) { id } }`, { id: julien });
    expect(await watcher.next(seen)).toMatchObject({ id: julien, status: "SUSPENDED" });
    await mutate(paul, `mutation($id: ID!) { reactivatePerson(id: $id) { id } }`, { id: julien });
    await watcher.next(seen + 1);
    expect(watcher.errors).toEqual([]);
  });
});
