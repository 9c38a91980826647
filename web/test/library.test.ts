import type { Page } from "playwright-core";
import { CAMILLE, JULIEN } from "@hub/testing";
import { openedDialog, seriousAxeViolations, signIn, textOf, watchOutside } from "./support/browser";
import { browserSuite, readmeScreenshot } from "./support/suite";

interface Recommendation {
  id: string;
  title: string;
  visibility: string;
  priority: string;
  deadline: string | null;
  status: string;
  resource: { id: string } | null;
  followUps: { status: string; comment: string }[];
  readBy: { reader: { name: string } | null }[];
}

/**
 * The library and recommendations in Chromium against the real hub: Julien (DDT 63) searches the
 * library by words, theme and territory, opens a sheet (its Markdown rendered as elements, the
 * HTML written in it shown as text), recommends it to a Clermont-Ferrand project; Camille sees it
 * in the fiche's "Recommandations" tab (marked read), answers with a follow-up, which Julien's
 * open tab shows live. Each result is checked against the API.
 */
describe("resource library and recommendations in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN },
  });
  const { call } = suite;
  const recommendationsOf = async (projectId: string) =>
    (
      await call<{ project: { recommendations: { edges: { node: Recommendation }[] } } }>(
        "julien",
        `query($id: ID!) { project(id: $id) { recommendations(first: 20) { edges { node { id title visibility priority deadline status resource { id } followUps { status comment } readBy { reader { name } } } } } } }`,
        { id: projectId },
      )
    ).project.recommendations.edges.map((edge) => edge.node);
  const shot = (page: Page, name: string) => readmeScreenshot(page, `${name}.png`);

  it("lets an agent find a sheet, recommend it to a project, and follow the collectivité's answer live", async () => {
    // The DDT's contact book and a published sheet for the Puy-de-Dôme, through the API.
    const stamp = Date.now();
    const organization = (
      await call<{ createContact: { id: string } }>("julien", `mutation($i: ContactInput!) { createContact(input: $i) { id } }`, {
        i: { kind: "ORGANIZATION", name: `Agence locale de l'énergie ${stamp}`, territoryId: "DEPARTEMENT:63" },
      })
    ).createContact.id;
    const person = (
      await call<{ createContact: { id: string } }>("julien", `mutation($i: ContactInput!) { createContact(input: $i) { id } }`, {
        i: {
          kind: "PERSON",
          name: "Lucie Roche",
          role: "Conseillère en énergie partagée",
          email: "lucie.roche@example.org",
          phone: "0473000000",
          organizationId: organization,
          territoryId: "DEPARTEMENT:63",
        },
      })
    ).createContact.id;
    const sheetTitle = `Récupération des eaux de pluie dans les écoles ${stamp}`;
    const body =
      "# Pour qui\n\nLes communes qui **rénovent** une école.\n\n- un diagnostic\n- un *plan* de travaux\n\n<script>window.injected = true</script>\n\n[Le guide](https://example.org/guide)";
    const resourceId = (
      await call<{ createResource: { id: string } }>("julien", `mutation($i: ResourceInput!) { createResource(input: $i) { id } }`, {
        i: {
          title: sheetTitle,
          summary: "Récupérer l'eau des toitures pour arroser les cours d'école.",
          body,
          kind: "GUIDE",
          themes: ["eau"],
          territoryIds: ["DEPARTEMENT:63"],
          status: "PUBLISHED",
          providerId: organization,
          contactIds: [person],
        },
      })
    ).createResource.id;
    // Camille's project in Clermont-Ferrand, submitted to the State.
    const projectTitle = `Cour oasis de l'école Jules-Ferry ${stamp}`;
    const projectId = (
      await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: { title: projectTitle, territoryId: "COMMUNE:63113", themes: ["eau"] },
      })
    ).createProject.id;
    await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });

    // Julien searches the library by words, theme and territory.
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await signIn(page, JULIEN);
    // The navigation is complete once the viewer's roles are read (the inbox's link shows).
    await page.getByRole("link", { name: "Projets à traiter" }).first().waitFor();
    await page.getByRole("link", { name: "Ressources", exact: true }).first().click();
    await page.getByRole("heading", { name: "Ressources", level: 1 }).waitFor();
    await page.getByLabel("Mots-clés").fill("eaux pluie ecole");
    await page.getByLabel("Thème", { exact: true }).selectOption("eau");
    await page.locator("main").getByLabel("Territoire (commune ou EPCI)").fill("Clermont-Fer");
    await page
      .getByRole("button", { name: /^Clermont-Ferrand/ })
      .first()
      .click();
    await page.getByText("Territoire : Clermont-Ferrand").waitFor();
    await page.getByRole("button", { name: "Rechercher" }).click();
    const card = page.getByTestId("resource-card").filter({ hasText: sheetTitle });
    await card.waitFor();
    // The count is the API's for the same filter.
    const total = (
      await call<{ resources: { totalCount: number } }>("julien", `query($f: ResourceFilter) { resources(filter: $f) { totalCount } }`, {
        f: { search: "eaux pluie ecole", theme: "eau", territoryId: "COMMUNE:63113" },
      })
    ).resources.totalCount;
    expect(total).toBeGreaterThanOrEqual(1);
    await page.getByTestId("resource-count").getByText(`${total} fiche`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "30-ressources-recherche");

    // The sheet: Markdown as elements, the HTML written in it as text, contacts, provider.
    await card.getByRole("link", { name: sheetTitle }).click();
    await page.getByRole("heading", { name: sheetTitle, level: 1 }).waitFor();
    await page.getByTestId("markdown").getByRole("heading", { name: "Pour qui" }).waitFor();
    expect(await page.getByTestId("markdown").locator("strong").innerText()).toBe("rénovent");
    expect(await page.getByTestId("markdown").locator("li").count()).toBe(2);
    expect(await page.getByTestId("markdown").getByRole("link", { name: "Le guide" }).getAttribute("href")).toBe("https://example.org/guide");
    expect(await page.getByTestId("markdown").innerText()).toContain("<script>window.injected = true</script>");
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    const sheetText = await textOf(page);
    expect(sheetText).toContain("Lucie Roche — Conseillère en énergie partagée");
    expect(sheetText).toContain("04 73 00 00 00");
    expect(sheetText).toContain(`Agence locale de l'énergie ${stamp}`);
    expect(sheetText).toContain("Puy-de-Dôme");
    expect(await page.getByTestId("resource-status").textContent()).toBe("Publiée");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "31-fiche-ressource");

    // "Recommander à un projet": the project chosen by the words of its title.
    await page.getByRole("button", { name: "Recommander à un projet" }).click();
    await page.locator("#pick-project").fill("oasis de l'école Jules");
    await page.getByRole("button", { name: new RegExp(`^Cour oasis de l'école Jules-Ferry ${stamp}`) }).click();
    await page.getByText(`Projet : ${projectTitle}`).waitFor();
    await page.locator("#recommend-why").fill("Votre cour est entièrement bitumée.");
    await page.locator("#recommend-what").fill("Contacter l'agence pour un diagnostic.");
    await page.locator("#recommend-contact").fill("Lucie Roche, 04 73 00 00 00");
    await page.locator("#recommend-deadline").fill("2027-03-31");
    await page.locator("#recommend-priority").selectOption("HIGH");
    await page.getByRole("button", { name: "Envoyer la recommandation" }).click();
    await page.getByRole("status").getByText(`Recommandation publiée pour « ${projectTitle} »`).waitFor();
    const [made] = await recommendationsOf(projectId);
    expect(made).toMatchObject({ title: sheetTitle, visibility: "PUBLISHED", priority: "HIGH", deadline: "2027-03-31", status: "PROPOSED", resource: { id: resourceId } });

    // Julien keeps the project's "Recommandations" tab open (its subscription sent).
    const subscribed = new Promise<void>((resolve) =>
      page.on("websocket", (socket) => socket.on("framesent", (frame) => typeof frame.payload === "string" && frame.payload.includes("ProjectActivity") && resolve())),
    );
    await page.getByRole("link", { name: "Voir la fiche du projet" }).click();
    await page.getByRole("heading", { name: projectTitle }).waitFor();
    await subscribed;
    await page.getByRole("tab", { name: "Recommandations" }).click();
    const julienCard = page.getByTestId("recommendation").filter({ hasText: sheetTitle });
    await julienCard.waitFor();

    // Camille opens her fiche's tab: the recommendation is there, and read.
    const camille = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const camilleOutside = watchOutside(camille, suite.hub.origin);
    await camille.goto(suite.hub.origin);
    await signIn(camille, CAMILLE);
    await camille.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await camille.getByRole("heading", { name: projectTitle }).waitFor();
    await camille.getByRole("tab", { name: "Recommandations" }).click();
    const camilleCard = camille.getByTestId("recommendation").filter({ hasText: sheetTitle });
    await camilleCard.waitFor();
    expect(await textOf(camille, '[data-testid="recommendation"]')).toContain("Votre cour est entièrement bitumée.");
    expect(await camilleCard.getByTestId("recommendation-status").textContent()).toBe("Proposée");
    await camilleCard
      .getByTestId("read-receipts")
      .getByText(/Camille Martin le/)
      .waitFor();
    expect((await recommendationsOf(projectId))[0].readBy.map((read) => read.reader?.name)).toContain("Camille Martin");
    expect(await seriousAxeViolations(camille)).toEqual([]);
    await shot(camille, "32-fiche-recommandations-collectivite");

    // She answers: blocked, with a comment.
    await camilleCard.getByRole("button", { name: "Donner des nouvelles" }).click();
    await camilleCard.getByRole("combobox", { name: "Où en êtes-vous ?" }).selectOption("BLOCKED");
    await camilleCard.getByRole("textbox", { name: "Commentaire" }).fill("Le budget travaux n'est pas voté.");
    await camilleCard.getByRole("button", { name: "Envoyer le suivi" }).click();
    await camilleCard.getByTestId("follow-ups").getByText("Bloquée : Le budget travaux n'est pas voté.").waitFor();
    const answered = (await recommendationsOf(projectId))[0];
    expect(answered.status).toBe("BLOCKED");
    expect(answered.followUps).toEqual([{ status: "BLOCKED", comment: "Le budget travaux n'est pas voté." }]);

    // Julien's open tab shows it live, with Camille's read receipt.
    await julienCard.getByTestId("follow-ups").getByText("Bloquée : Le budget travaux n'est pas voté.").waitFor({ timeout: 15_000 });
    expect(await julienCard.getByTestId("recommendation-status").textContent()).toBe("Bloquée");
    await julienCard
      .getByTestId("read-receipts")
      .getByText(/Camille Martin/)
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "33-fiche-recommandations-etat");

    // At 320 px nothing is wider than the screen, on the tab and in the library.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "34-recommandations-320px");
    await page.goto(`${suite.hub.origin}/#/ressources`);
    await page.getByRole("heading", { name: "Ressources", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(outside).toEqual([]);
    expect(camilleOutside).toEqual([]);
  }, 300_000);

  it("lets the agent edit a recommendation and delete it after a DSFR confirmation; the collectivité gets neither button", async () => {
    const stamp = Date.now();
    const projectTitle = `Halle couverte du marché ${stamp}`;
    const projectId = (
      await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: { title: projectTitle, territoryId: "COMMUNE:63113" },
      })
    ).createProject.id;
    await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });
    const title = `Étude de programmation ${stamp}`;
    await call("julien", `mutation($i: RecommendInput!) { recommend(input: $i) { id } }`, { i: { projectId, title, why: "Avant les travaux", publish: true } });

    // Camille sees it, with neither "Modifier" nor "Supprimer".
    const camille = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await camille.goto(suite.hub.origin);
    await signIn(camille, CAMILLE);
    await camille.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await camille.getByRole("tab", { name: "Recommandations" }).click();
    const camilleCard = camille.getByTestId("recommendation").filter({ hasText: title });
    await camilleCard.waitFor();
    expect(await camilleCard.getByRole("button", { name: /Modifier|Supprimer/ }).count()).toBe(0);
    expect(await camille.getByRole("button", { name: "Recommander" }).count()).toBe(0);

    // Julien edits it from the fiche's tab.
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await signIn(page, JULIEN);
    await page.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await page.getByRole("tab", { name: "Recommandations" }).click();
    await page.getByRole("button", { name: "Recommander" }).waitFor();
    const card = page.getByTestId("recommendation").filter({ hasText: title });
    await card.getByRole("button", { name: `Modifier « ${title} »` }).click();
    await card.getByRole("textbox", { name: "Pourquoi" }).fill("Avant les travaux, pour chiffrer la halle");
    await card.getByRole("combobox", { name: "Priorité" }).selectOption("HIGH");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await card.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await card.getByRole("button", { name: `Modifier « ${title} »` }).waitFor();
    await card.getByText("Avant les travaux, pour chiffrer la halle").waitFor();
    await card.getByText(/Priorité haute/).waitFor();
    const [edited] = await recommendationsOf(projectId);
    expect(edited).toMatchObject({ title, priority: "HIGH" });
    const [{ why, version }] = (
      await call<{ project: { recommendations: { edges: { node: { why: string; version: number } }[] } } }>(
        "julien",
        `query($id: ID!) { project(id: $id) { recommendations { edges { node { why version } } } } }`,
        {
          id: projectId,
        },
      )
    ).project.recommendations.edges.map((e) => e.node);
    expect({ why, version }).toEqual({ why: "Avant les travaux, pour chiffrer la halle", version: 2 });

    // "Supprimer" asks first, in a DSFR modal; confirmed, the recommendation leaves the tab and the API.
    await card.getByRole("button", { name: `Supprimer « ${title} »` }).click();
    const dialog = await openedDialog(page, "Supprimer la recommandation");
    expect(await dialog.textContent()).toContain(title);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Supprimer la recommandation" }).click();
    await page.getByRole("status").getByText(`Recommandation « ${title} » supprimée.`).waitFor();
    await page.getByText("Aucune recommandation pour le moment.").waitFor();
    expect(await recommendationsOf(projectId)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
  }, 300_000);
});
