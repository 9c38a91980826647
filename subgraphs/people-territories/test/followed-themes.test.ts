import { AMELIE, CAMILLE, codes, JULIEN, NADIA, SOPHIE, startHub, type Hub } from "@hub/testing";

/**
 * `setMyThemes` through the gateway: a State agent declares the themes they follow (the inbox
 * offers a project to the agents following its theme first); the list replaces the previous one,
 * each theme once, in the taxonomy's order; bad themes are BAD_USER_INPUT on field `themes`;
 * anyone else is FORBIDDEN, anonymous callers UNAUTHENTICATED.
 */
describe("themes a State agent follows", () => {
  let hub: Hub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    hub = await startHub();
    for (const email of [JULIEN, AMELIE, SOPHIE, CAMILLE, NADIA]) tokens[email] = await hub.token(email);
  });
  afterAll(() => hub.stop());

  const SET = `mutation($themes: [String!]!) { setMyThemes(themes: $themes) { id email themes } }`;
  const set = (email: string, themes: unknown) => hub.query<{ setMyThemes: { id: string; email: string; themes: string[] } }>(SET, { themes }, tokens[email]);
  const stored = async (email: string) => (await hub.sql<{ themes: string[] }>("people-territories", "SELECT themes FROM person WHERE email = $1", [email]))[0].themes;

  it("replaces the agent's themes, each once, in the taxonomy's order, and colleagues see them", async () => {
    expect(await stored(JULIEN)).toEqual(["eau", "nature-environnement-risques"]);
    const answer = await set(JULIEN, ["mobilite-transports", "eau", "mobilite-transports"]);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.setMyThemes).toMatchObject({ email: JULIEN, themes: ["eau", "mobilite-transports"] });
    expect(await stored(JULIEN)).toEqual(["eau", "mobilite-transports"]);

    // Amélie, his colleague, picks an assignee among the DDT's members with the themes they follow.
    const members = await hub.query<{ organization: { members: { edges: { node: { email: string; themes: string[] } }[] } } }>(
      `{ organization(id: "DDT:63") { members(first: 50) { edges { node { email themes } } } } }`,
      {},
      tokens[AMELIE],
    );
    expect(members.errors).toBeUndefined();
    const julien = members.data!.organization.members.edges.map((e) => e.node).find((p) => p.email === JULIEN);
    expect(julien?.themes).toEqual(["eau", "mobilite-transports"]);

    // A préfecture agent is a State agent too; an empty list follows nothing.
    expect((await set(SOPHIE, ["energies-dechets"])).data!.setMyThemes.themes).toEqual(["energies-dechets"]);
    expect((await set(SOPHIE, [])).data!.setMyThemes.themes).toEqual([]);
    expect(await stored(SOPHIE)).toEqual([]);
    // Amélie's own themes are untouched.
    expect(await stored(AMELIE)).toEqual(["energies-dechets", "urbanisme-logement-amenagement"]);
  });

  it("refuses unknown themes with BAD_USER_INPUT on field themes, nothing written", async () => {
    const before = await stored(AMELIE);
    for (const themes of [["eau", "plomberie"], ["EAU"], [" eau"], [""], Array.from({ length: 10 }, () => "eau")]) {
      const answer = await set(AMELIE, themes);
      expect(codes(answer)).toEqual(["BAD_USER_INPUT"]);
      expect(answer.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "themes" });
    }
    expect(codes(await set(AMELIE, null))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(`mutation { setMyThemes(themes: "eau", extra: 1) { id } }`, {}, tokens[AMELIE]))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(await stored(AMELIE)).toEqual(before);
  });

  it("is for State agents only", async () => {
    expect(codes(await set(CAMILLE, ["eau"]))).toEqual(["FORBIDDEN"]);
    expect(codes(await set(NADIA, ["eau"]))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(SET, { themes: ["eau"] }))).toEqual(["UNAUTHENTICATED"]);
    expect(await stored(CAMILLE)).toEqual([]);
    expect(await stored(NADIA)).toEqual([]);
  });
});
