import { loadThemes } from "@hub/reference";
import { CAMILLE, codes, startHub, type Hub } from "@hub/testing";

/** `themes`: the taxonomy projects' themes take, served by the subgraph that validates them. */
describe("themes", () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it("lists every theme a project accepts, with its French name, by name", async () => {
    const response = await hub.query<{ themes: { slug: string; name: string }[] }>(`{ themes { slug name } }`, {}, await hub.token(CAMILLE));
    expect(response.errors).toBeUndefined();
    const themes = response.data!.themes;
    expect(themes.map((theme) => theme.slug).sort()).toEqual(
      loadThemes()
        .map((theme) => theme.slug)
        .sort(),
    );
    expect(themes).toContainEqual({ slug: "eau", name: "Eau et milieux aquatiques" });
    expect(themes.map((theme) => theme.name)).toEqual([...themes.map((theme) => theme.name)].sort((a, b) => a.localeCompare(b, "fr")));
    // Each one is accepted by createProject; an unknown slug is not.
    const created = await hub.query(
      `mutation($t: [String!]) { createProject(input: { title: "Toutes thématiques", territoryId: "COMMUNE:63113", themes: $t }) { themes } }`,
      { t: themes.map((theme) => theme.slug) },
      await hub.token(CAMILLE),
    );
    expect(created.errors).toBeUndefined();
    const refused = await hub.query(`mutation { createProject(input: { title: "Inconnue", territoryId: "COMMUNE:63113", themes: ["inconnu"] }) { id } }`, {}, await hub.token(CAMILLE));
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
  });

  it("answers signed-in callers only", async () => {
    expect(codes(await hub.query(`{ themes { slug } }`))).toEqual(["UNAUTHENTICATED"]);
  });
});
