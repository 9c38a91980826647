import type { Page } from "playwright-core";
import { CAMILLE, JULIEN, NADIA } from "@hub/testing";
import { signIn, textOf, watchOutside } from "./support/browser";
import { browserSuite, expectNoSeriousViolation, readmeScreenshot } from "./support/suite";

/**
 * "Tableau de bord des projets" in Chromium: the board of Julien's département by status, a card
 * moved with its "Déplacer vers…" form by keyboard and by drag and drop, a move the lifecycle
 * refuses explained in French, the territory narrowed to a commune and refused outside his
 * département, axe on each state, 320 px; national staff type a département.
 */
describe("the projects' board in Chromium", () => {
  const ids: Record<string, string> = {};
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN },
    setUp: async ({ hub, token }) => {
      for (const title of ["Piste cyclable des Vergnes", "Médiathèque de Montferrand", "Gymnase Jean-Zay"]) {
        const created = await hub.query<{ createProject: { id: string } }>(
          `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
          { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"], phase: "IDEE" } },
          token("camille"),
        );
        ids[title] = created.data!.createProject.id;
        const submitted = await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: ids[title] }, token("camille"));
        expect(submitted.errors).toBeUndefined();
      }
    },
  });
  const { token } = suite;

  const statusOf = async (id: string) => (await suite.hub.sql<{ status: string; priority: string | null }>("projects", "SELECT status, priority FROM project WHERE id = $1", [id]))[0];
  const column = (page: Page, label: string) => page.getByRole("region", { name: new RegExp(`^${label} \\(`) });
  const card = (page: Page, title: string) => page.locator(".board-card", { has: page.getByRole("link", { name: title, exact: true }) });

  it("shows Julien's département by status; a card moves by keyboard and by drag and drop, a refused move is explained", async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1500, height: 1000 } })).newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await signIn(page, JULIEN);
    await page.getByRole("link", { name: "Tableau de bord des projets" }).click();
    expect(new URL(page.url()).hash).toBe("#/tableau-de-bord-projets");
    await page.getByTestId("board-total").getByText("Puy-de-Dôme : 3 projets").waitFor();
    expect(await page.getByRole("heading", { level: 2 }).allInnerTexts()).toEqual(["Déposé (3)", "Qualifié (0)", "Attribué (0)", "En cours (0)", "Terminé (0)", "Abandonné (0)"]);
    const submitted = await column(page, "Déposé").innerText();
    for (const title of Object.keys(ids)) expect(submitted).toContain(title);
    expect(submitted).toContain("Clermont-Ferrand");
    expect(submitted).toContain("Priorité : à qualifier");
    expect(submitted).toMatch(/Dernière activité : \d{2}\/\d{2}\/\d{4}/);
    await expectNoSeriousViolation(page, "board");
    await readmeScreenshot(page, "35-tableau-projets.png");

    // By keyboard: "Déplacer vers…" Qualifié, the priority it asks, then Entrée on "Déplacer".
    const piste = card(page, "Piste cyclable des Vergnes");
    await piste.getByLabel("Déplacer vers…").focus();
    await piste.getByLabel("Déplacer vers…").selectOption({ label: "Qualifié" });
    expect(await piste.getByRole("button", { name: "Déplacer" }).isDisabled()).toBe(true);
    await piste.getByLabel("Priorité").selectOption({ label: "Haute" });
    await piste.getByRole("button", { name: "Déplacer" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("board-message").getByText("« Piste cyclable des Vergnes » déplacé vers « Qualifié ».").waitFor();
    await column(page, "Qualifié").getByRole("link", { name: "Piste cyclable des Vergnes" }).waitFor();
    expect(await statusOf(ids["Piste cyclable des Vergnes"])).toEqual({ status: "QUALIFIED", priority: "HIGH" });
    expect(await column(page, "Qualifié").innerText()).toContain("Priorité : Haute");

    // A move the lifecycle has no step for: refused, explained, nothing changed.
    const mediatheque = card(page, "Médiathèque de Montferrand");
    await mediatheque.getByLabel("Déplacer vers…").selectOption({ label: "Terminé" });
    await mediatheque.getByRole("button", { name: "Déplacer" }).click();
    await page
      .getByRole("alert")
      .getByText("Déplacement de « Médiathèque de Montferrand » impossible : le cycle de vie d'un projet ne permet pas de passer de « Déposé » à « Terminé »", { exact: false })
      .waitFor();
    expect((await statusOf(ids["Médiathèque de Montferrand"])).status).toBe("SUBMITTED");
    await expectNoSeriousViolation(page, "board, refused move");
    await readmeScreenshot(page, "36-tableau-projets-refus.png");

    // By drag and drop: to "Attribué" at once (Julien takes it), to "Abandonné" through the card's motif.
    await piste.dragTo(column(page, "Attribué"));
    await column(page, "Attribué").getByRole("link", { name: "Piste cyclable des Vergnes" }).waitFor();
    expect((await statusOf(ids["Piste cyclable des Vergnes"])).status).toBe("ASSIGNED");
    const [assignee] = await suite.hub.sql<{ person_id: string }>("projects", "SELECT person_id FROM project_assignee WHERE project_id = $1", [ids["Piste cyclable des Vergnes"]]);
    const me = await suite.hub.query<{ me: { id: string } }>(`{ me { id } }`, {}, token("julien"));
    expect(assignee.person_id).toBe(me.data!.me.id);
    const gymnase = card(page, "Gymnase Jean-Zay");
    await gymnase.dragTo(column(page, "Abandonné"));
    await gymnase.getByLabel("Motif").fill("Hors programme");
    await gymnase.getByRole("button", { name: "Déplacer" }).click();
    await column(page, "Abandonné").getByRole("link", { name: "Gymnase Jean-Zay" }).waitFor();
    expect((await statusOf(ids["Gymnase Jean-Zay"])).status).toBe("ABANDONED");
    expect(await page.getByRole("heading", { level: 2 }).allInnerTexts()).toEqual(["Déposé (1)", "Qualifié (0)", "Attribué (1)", "En cours (0)", "Terminé (0)", "Abandonné (1)"]);

    // The territory: a commune of his département, then Paris, refused.
    await page.getByLabel("Restreindre à un EPCI ou une commune").fill("Clermont-Fer");
    await page.getByRole("button", { name: /^Clermont-Ferrand \(commune 63113/ }).click();
    await page.getByTestId("board-total").getByText("Clermont-Ferrand : 3 projets").waitFor();
    await page.getByLabel("Restreindre à un EPCI ou une commune").fill("Paris");
    await page.getByRole("button", { name: /^Paris \(commune 75056/ }).click();
    await page.getByRole("alert").getByText("Tableau indisponible : ce territoire n'est pas dans vos départements.").waitFor();
    await expectNoSeriousViolation(page, "board, another département");
    await readmeScreenshot(page, "37-tableau-projets-hors-departement.png");
    await page.getByRole("button", { name: "Tout le département" }).click();
    await page.getByTestId("board-total").getByText("Puy-de-Dôme : 3 projets").waitFor();

    // 320 px wide: the columns stack, nothing wider than the screen, axe still clean.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoSeriousViolation(page, "board at 320 px");
    await readmeScreenshot(page, "38-tableau-projets-320px.png");
    expect(outside).toEqual([]);
  });

  it("lets national staff type a département; a collectivité has no board", async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(suite.hub.origin);
    await signIn(page, NADIA);
    await page.getByRole("link", { name: "Tableau de bord des projets" }).click();
    await page.getByText("Choisissez un département pour afficher ses projets.").waitFor();
    await page.getByLabel(/Département \(code\)/).fill("63");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.getByTestId("board-total").getByText("Puy-de-Dôme : 3 projets").waitFor();
    await expectNoSeriousViolation(page, "board, national");
    await readmeScreenshot(page, "39-tableau-projets-national.png");

    const camille = await (await suite.browser.newContext()).newPage();
    await camille.goto(suite.hub.origin);
    await signIn(camille, CAMILLE);
    expect(await camille.getByRole("link", { name: "Tableau de bord des projets" }).count()).toBe(0);
    await camille.goto(`${suite.hub.origin}/#/tableau-de-bord-projets`);
    await camille.getByText("Cette vue est réservée aux agents de l'État et de l'ANCT.").waitFor();
    expect(await textOf(camille)).not.toContain("Déplacer vers");
  });
  it("follows changes made elsewhere live: a project the collectivité submits joins the open board", async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1500, height: 1000 } })).newPage();
    await page.goto(suite.hub.origin);
    await signIn(page, JULIEN);
    await page.getByRole("link", { name: "Tableau de bord des projets" }).click();
    await page
      .getByTestId("board-total")
      .getByText(/^Puy-de-Dôme : \d+ projets?$/)
      .waitFor();
    const heading = page.getByRole("heading", { level: 2, name: /^Déposé \(\d+\)$/ });
    const before = Number(/\((\d+)\)/.exec(await heading.innerText())![1]);

    // Camille, elsewhere, creates and submits a project: the board shows it without a reload.
    const title = "Maison de santé des Vergnes";
    const { createProject } = await suite.call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
      i: { title, territoryId: "COMMUNE:63113", themes: ["eau"], phase: "IDEE" },
    });
    await suite.call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: createProject.id });
    await page.getByRole("heading", { level: 2, name: `Déposé (${before + 1})` }).waitFor({ timeout: 30_000 });
    await card(page, title).waitFor();
    expect(await column(page, "Déposé").innerText()).toContain(title);
  });
});
