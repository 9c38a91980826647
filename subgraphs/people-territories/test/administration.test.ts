import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

/**
 * The administration of people through the gateway (ANCT national agents): the list of every
 * account with its filters and cursor, an invitation seen in it, suspension and reactivation
 * and what they do to signing in.
 */
describe("administration of people", () => {
  let hub: Hub;
  let nadia: string;
  beforeAll(async () => {
    hub = await startHub();
    nadia = await hub.token(NADIA);
  });
  afterAll(() => hub.stop());

  type Row = { id: string; email: string; status: string; memberships: { role: string; organization: { id: string } }[] };
  const PEOPLE = `query($filter: PeopleFilter, $first: Int, $after: String) {
    people(filter: $filter, first: $first, after: $after) { edges { cursor node { id email status memberships { role organization { id } } } } pageInfo { hasNextPage endCursor } }
  }`;
  const people = async (filter: Record<string, unknown> = {}, first = 100, after?: string) => {
    const response = await hub.query<{ people: { edges: { cursor: string; node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(PEOPLE, { filter, first, after }, nadia);
    expect(response.errors).toBeUndefined();
    return response.data!.people;
  };
  const emails = async (filter: Record<string, unknown>) => (await people(filter)).edges.map((e) => e.node.email);
  const idOf = async (email: string) => (await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [email]))[0].id;

  it("lists every account by name, filtered by words (case and accents ignored), organisation and status", async () => {
    const all = await emails({});
    expect(all).toEqual(expect.arrayContaining([CAMILLE, JULIEN, NADIA, "lea.roux@cerema.demo", "louis.moreau@anct.demo"]));
    const [{ n }] = await hub.sql<{ n: number }>("people-territories", "SELECT count(*)::int AS n FROM person");
    expect(all).toHaveLength(n);
    expect(await emails({ search: "LEA roux" })).toEqual(["lea.roux@cerema.demo"]);
    expect(await emails({ search: "ddt63" })).toEqual([JULIEN, "amelie.garnier@ddt63.demo"]);
    expect(await emails({ search: "100%_" })).toEqual([]);
    expect(await emails({ organizationId: "ANCT:NATIONAL" })).toEqual(["louis.moreau@anct.demo", NADIA]);
    expect(await emails({ organizationId: "ANCT:NATIONAL", search: "nadia" })).toEqual([NADIA]);
    expect(await emails({ status: "SUSPENDED" })).toEqual([]);
  });

  it("pages with a cursor that names nobody", async () => {
    const first = await people({}, 2);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const cursor = Buffer.from(first.pageInfo.endCursor!, "base64url").toString("utf8");
    expect(cursor).not.toMatch(/@|Martin|Bernard|Petit|Roux|Moreau|Durand/);
    const next = await people({}, 2, first.pageInfo.endCursor!);
    const everyone = (await people({})).edges.map((e) => e.node.id);
    expect([...first.edges, ...next.edges].map((e) => e.node.id)).toEqual(everyone.slice(0, 4));
  });

  it("shows an invitee as pending in the organisation it was invited to, with the role of that organisation", async () => {
    const invited = await hub.query<{ invitePerson: { role: string; organization: { id: string } } }>(
      `mutation { invitePerson(input: { email: "Agathe.Blanc@ddt63.demo", givenName: "Agathe", usualName: "Blanc", organizationId: "DDT:63" }) { role organization { id } } }`,
      {},
      nadia,
    );
    expect(invited.data).toEqual({ invitePerson: { role: "STATE_AGENT", organization: { id: "DDT:63" } } });
    const [row] = (await people({ search: "agathe" })).edges.map((e) => e.node);
    expect(row).toMatchObject({ email: "agathe.blanc@ddt63.demo", status: "PENDING", memberships: [{ role: "STATE_AGENT", organization: { id: "DDT:63" } }] });
    expect(await emails({ status: "PENDING", organizationId: "DDT:63" })).toEqual(["agathe.blanc@ddt63.demo"]);
  });

  it("suspends an account (no more sign-in) and reactivates it (sign-in again); an invitee goes back to pending", async () => {
    const julien = await idOf(JULIEN);
    const suspended = await hub.query(`mutation($id: ID!) { suspendPerson(id: $id) { status } }`, { id: julien }, nadia);
    expect(suspended.data).toEqual({ suspendPerson: { status: "SUSPENDED" } });
    expect(await emails({ status: "SUSPENDED" })).toEqual([JULIEN]);
    await expect(hub.token(JULIEN)).rejects.toThrow(/no token/);

    const reactivated = await hub.query(`mutation($id: ID!) { reactivatePerson(id: $id) { status } }`, { id: julien }, nadia);
    expect(reactivated.data).toEqual({ reactivatePerson: { status: "ACTIVE" } });
    const token = await hub.token(JULIEN);
    expect((await hub.query(`{ me { email } }`, {}, token)).data).toEqual({ me: { email: JULIEN } });
    // Reactivating an account that is not suspended is a CONFLICT.
    expect(codes(await hub.query(`mutation($id: ID!) { reactivatePerson(id: $id) { status } }`, { id: julien }, nadia))).toEqual(["CONFLICT"]);

    await hub.query(`mutation { invitePerson(input: { email: "yann.leroy@ddt63.demo", givenName: "Yann", usualName: "Leroy", organizationId: "DDT:63" }) { id } }`, {}, nadia);
    const yann = await idOf("yann.leroy@ddt63.demo");
    expect((await hub.query(`mutation($id: ID!) { suspendPerson(id: $id) { status } }`, { id: yann }, nadia)).data).toEqual({ suspendPerson: { status: "SUSPENDED" } });
    expect((await hub.query(`mutation($id: ID!) { reactivatePerson(id: $id) { status } }`, { id: yann }, nadia)).data).toEqual({ reactivatePerson: { status: "PENDING" } });
  });

  it("refuses bad input and unknown people with their codes", async () => {
    expect(codes(await hub.query(PEOPLE, { filter: { search: "x".repeat(101) } }, nadia))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(PEOPLE, { first: 101 }, nadia))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(PEOPLE, { after: "pas-un-curseur" }, nadia))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(`mutation { reactivatePerson(id: "00000000-0000-4000-8000-000000000000") { status } }`, {}, nadia))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(`mutation { reactivatePerson(id: "pas-un-id") { status } }`, {}, nadia))).toEqual(["NOT_FOUND"]);
    const camille = await hub.token(CAMILLE);
    expect(codes(await hub.query(PEOPLE, {}, camille))).toEqual(["FORBIDDEN"]);
  });
});
