import { AMELIE, CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";
const INVITE = `mutation($email: String!, $org: ID!) {
  invitePerson(input: { email: $email, givenName: "Alex", usualName: "Martin", organizationId: $org }) { id role createdAt organization { id } }
}`;
const MEMBERS = `query($org: ID!, $after: String) {
  organization(id: $org) { members(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
}`;
type Members = { organization: { members: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };

describe("invitations and members", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};
  beforeAll(async () => {
    hub = await startHub();
    for (const [who, email] of [
      ["camille", CAMILLE],
      ["julien", JULIEN],
      ["amelie", AMELIE],
      ["nadia", NADIA],
      ["louis", LOUIS],
    ] as const) {
      t[who] = await hub.token(email);
      [{ id: id[who] }] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [email]);
    }
  });
  afterAll(() => hub.stop());

  const membershipsOf = async (personId: string) =>
    (await hub.sql<{ organization_id: string }>("people-territories", "SELECT organization_id FROM membership WHERE person_id = $1 ORDER BY created_at", [personId])).map((r) => r.organization_id);

  it("answers an invitation of an existing account exactly like one of a new email, and adds no one without consent", async () => {
    // An attacker of the DDT 63 "invites" Camille to learn who she is and to enrol her.
    const known = await hub.query(INVITE, { email: CAMILLE.toUpperCase(), org: "DDT:63" }, t.julien);
    const unknown = await hub.query(INVITE, { email: "nouvelle.recrue@ddt63.demo", org: "DDT:63" }, t.julien);
    const shape = (response: typeof known) =>
      JSON.stringify(response)
        .replace(/"id":"[0-9a-f-]{36}"/, '"id":"ID"')
        .replace(/"createdAt":"[^"]+"/, '"createdAt":"AT"');
    expect(shape(known)).toEqual(shape(unknown));
    const anyString: unknown = expect.any(String);
    expect(known).toEqual({ status: 200, data: { invitePerson: { id: anyString, role: "STATE_AGENT", createdAt: anyString, organization: { id: "DDT:63" } } } });
    expect(JSON.stringify(known)).not.toContain(id.camille);
    expect(JSON.stringify(known)).not.toMatch(/Camille|Martin/);
    expect(await membershipsOf(id.camille)).toEqual(["COLLECTIVITE:216301135"]);
    // Both are now "already there" alike.
    const again = [await hub.query(INVITE, { email: CAMILLE, org: "DDT:63" }, t.julien), await hub.query(INVITE, { email: "nouvelle.recrue@ddt63.demo", org: "DDT:63" }, t.julien)];
    expect(again.map((r) => [codes(r), r.errors?.[0]?.message.replace(/^\S+/, "EMAIL")])).toEqual([
      [["CONFLICT"], "EMAIL is already a member of, or invited to, Direction départementale des territoires du Puy-de-Dôme"],
      [["CONFLICT"], "EMAIL is already a member of, or invited to, Direction départementale des territoires du Puy-de-Dôme"],
    ]);
    // Neither shows among the members until they sign in or accept.
    const members = await hub.query<Members>(MEMBERS.replace("first: 2", "first: 100"), { org: "DDT:63" }, t.julien);
    const listed = members.data!.organization.members.edges.map((e) => e.node.id);
    expect(listed).not.toContain(id.camille);
    // Only the DDT's demo agents (by name: Bernard, Garnier).
    expect(listed).toEqual([id.julien, id.amelie]);
  });

  it("lets only the invited person see and accept their invitation", async () => {
    const invitation = await hub.query<{ invitePerson: { id: string } }>(INVITE, { email: CAMILLE, org: "PREFECTURE:63" }, t.nadia);
    const invitationId = invitation.data!.invitePerson.id;
    const mine = await hub.query(`{ me { invitations { organization { id } role } } }`, {}, t.camille);
    expect(mine).toEqual({
      status: 200,
      data: {
        me: {
          invitations: [
            { organization: { id: "DDT:63" }, role: "STATE_AGENT" },
            { organization: { id: "PREFECTURE:63" }, role: "STATE_AGENT" },
          ],
        },
      },
    });
    const others = await hub.query(`query($id: ID!) { person(id: $id) { invitations { id } } }`, { id: id.camille }, t.nadia);
    expect(others).toEqual({ status: 200, data: { person: { invitations: null } } });
    const stolen = await hub.query(`mutation($id: ID!) { acceptInvitation(id: $id) { role } }`, { id: invitationId }, t.julien);
    expect([codes(stolen), stolen.data ?? null]).toEqual([["NOT_FOUND"], null]);
    expect(await membershipsOf(id.julien)).toEqual(["DDT:63"]);
    const accepted = await hub.query(`mutation($id: ID!) { acceptInvitation(id: $id) { role organization { id } } }`, { id: invitationId }, t.camille);
    expect(accepted).toEqual({ status: 200, data: { acceptInvitation: { role: "STATE_AGENT", organization: { id: "PREFECTURE:63" } } } });
    expect(await membershipsOf(id.camille)).toEqual(["COLLECTIVITE:216301135", "PREFECTURE:63"]);
    expect(codes(await hub.query(`mutation($id: ID!) { acceptInvitation(id: $id) { role } }`, { id: invitationId }, t.camille))).toEqual(["NOT_FOUND"]);
    expect((await hub.query(`{ me { invitations { organization { id } } } }`, {}, t.camille)).data).toEqual({ me: { invitations: [{ organization: { id: "DDT:63" } }] } });
  });

  it("pages members with cursors that carry no name, each member once", async () => {
    const names = ["Zoé Abadie", "Yann Abadie", "Xavier Bonnet", "Wanda Chevalier", "Victor Dupuis"];
    for (const [index, full] of names.entries()) {
      const [given, usual] = full.split(" ");
      await hub.sql("people-territories", "INSERT INTO person (email, given_name, usual_name) VALUES ($1, $2, $3)", [`membre${index}@ddt63.demo`, given, usual]);
      await hub.sql("people-territories", "INSERT INTO membership (person_id, organization_id, role) SELECT id, 'DDT:63', 'STATE_AGENT' FROM person WHERE email = $1", [`membre${index}@ddt63.demo`]);
    }
    const expected = (
      await hub.sql<{ id: string }>(
        "people-territories",
        "SELECT p.id FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = 'DDT:63' AND p.status <> 'PENDING' ORDER BY p.usual_name || ' ' || p.given_name, p.id",
      )
    ).map((r) => r.id);
    // The five above, Julien and his colleague Amélie (demo accounts).
    expect(expected).toHaveLength(7);
    const seen: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof hub.query<Members>>> = await hub.query<Members>(MEMBERS, { org: "DDT:63", after }, t.louis);
      expect(page.errors).toBeUndefined();
      const { edges, pageInfo } = page.data!.organization.members;
      seen.push(...edges.map((e) => e.node.id));
      cursors.push(...edges.map((e) => e.cursor));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
    const decoded = cursors.map((c) => Buffer.from(c, "base64url").toString("utf8"));
    expect(decoded).toEqual(expected.map((memberId) => JSON.stringify(memberId)));
    for (const text of decoded) expect(text).not.toMatch(/Abadie|Bonnet|Chevalier|Dupuis|Bernard|Julien/);
  });

  it("ends the list on a cursor of someone who is not a member, and refuses a cursor that is not one", async () => {
    const foreign = Buffer.from(JSON.stringify(id.camille)).toString("base64url");
    expect(await hub.query(MEMBERS, { org: "DDT:63", after: foreign }, t.louis)).toEqual({
      status: 200,
      data: { organization: { members: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } },
    });
    const named = Buffer.from(JSON.stringify(["Bernard Julien", id.julien])).toString("base64url");
    const refused = await hub.query(MEMBERS, { org: "DDT:63", after: named }, t.louis);
    expect(refused).toEqual({
      status: 200,
      data: null,
      errors: [{ message: "after is not a valid cursor", path: ["organization", "members"], extensions: { code: "BAD_USER_INPUT", field: "after", serviceName: "people-territories" } }],
    });
  });
  it("gives the themes each agent of a service follows, by which a project is assigned (demo: Julien and his colleague Amélie)", async () => {
    const response = await hub.query<{ organization: { members: { edges: { node: { name: string; themes: string[] } }[] } } }>(
      `{ organization(id: "DDT:63") { members(first: 50) { edges { node { name themes } } } } }`,
      {},
      t.julien,
    );
    expect(response.errors).toBeUndefined();
    const members = response.data!.organization.members.edges.map((e) => e.node);
    expect(members).toEqual(
      expect.arrayContaining([
        { name: "Julien Bernard", themes: ["eau", "nature-environnement-risques"] },
        { name: "Amélie Garnier", themes: ["energies-dechets", "urbanisme-logement-amenagement"] },
      ]),
    );
    // The column the API reads, and nobody else given themes by the demo.
    const rows = await hub.sql<{ email: string; themes: string[] }>("people-territories", "SELECT email, themes FROM person WHERE themes <> '{}' ORDER BY email");
    expect(rows).toEqual([
      { email: "amelie.garnier@ddt63.demo", themes: ["energies-dechets", "urbanisme-logement-amenagement"] },
      { email: JULIEN, themes: ["eau", "nature-environnement-risques"] },
    ]);
  });
});
