import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { CAMILLE, GRIST_DOCUMENT, JULIEN, NADIA } from "@hub/testing";
import { formatStatus } from "../src/format";
import { openSignedIn, signIn, subscriptionSent, textOf, watchOutside } from "./support/browser";
import { browserSuite, expectNoSeriousViolation, readmeScreenshot } from "./support/suite";

/**
 * The whole story in the built web app, in two browser contexts against the real hub: Camille
 * creates a project with "Nouveau projet" and submits it; Julien, whose inbox is open, sees it
 * appear live, qualifies it and assigns it to a colleague of his DDT chosen by theme; Camille sees the
 * activity live, the funding proposals and prepares a Démarches Simplifiées dossier. axe-core
 * finds no serious or critical violation on any page; each main page is saved as a screenshot.
 */
describe("the story in Chromium, with axe on each page", () => {
  const suite = browserSuite();

  /** axe on the page as it is, then a full-page screenshot. */
  const check = async (page: Page, name: string) => {
    await expectNoSeriousViolation(page, name);
    await readmeScreenshot(page, `${name}.png`);
  };
  const showTab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true }).click();

  it("a collectivité creates and submits a project; the DDT sees it live and assigns it; the collectivité follows and prepares a dossier", async () => {
    const title = `Réseau de chaleur du quartier nord ${Date.now()}`;
    const camille = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const outsideCamille = watchOutside(camille, suite.hub.origin);

    // Sign-in page, then Camille's projects.
    await camille.goto(suite.hub.origin);
    await camille.getByRole("button", { name: "Se connecter" }).waitFor();
    await check(camille, "01-connexion");
    await signIn(camille, CAMILLE);
    await camille.getByRole("heading", { name: "Mes projets" }).waitFor();
    await camille.getByTestId("project-row").or(camille.getByText("Aucun projet pour le moment.")).first().waitFor();
    await check(camille, "02-mes-projets");

    // Julien's inbox is open, subscribed, before Camille submits.
    const { page: julien, outside: outsideJulien } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    const subscribed = subscriptionSent(julien, "InboxActivity");
    await julien.getByRole("link", { name: "Projets à traiter" }).first().click();
    await julien.getByRole("heading", { name: /Projets à traiter/ }).waitFor();
    await subscribed;

    // "Nouveau projet", step by step.
    await camille.getByRole("link", { name: "Nouveau projet" }).first().click();
    await camille.getByRole("heading", { name: "Nouveau projet" }).waitFor();
    await camille.getByText("Territoire principal : Clermont-Ferrand").waitFor();
    await camille.getByLabel("Commune où le projet est porté").fill("Clermont");
    await camille.getByRole("button", { name: /^Clermont-Ferrand \(commune 63113/ }).waitFor();
    await check(camille, "03-nouveau-projet-territoire");
    await camille.getByRole("button", { name: /^Clermont-Ferrand \(commune 63113/ }).click();
    await camille.getByRole("button", { name: "Étape suivante" }).click();
    // The title is required: the step says so.
    await camille.getByRole("button", { name: "Étape suivante" }).click();
    await camille.getByText("Donnez un titre au projet.").waitFor();
    await camille.getByLabel("Titre du projet").fill(title);
    await camille.getByLabel("Description").fill("Un réseau de chaleur alimenté par la biomasse pour 400 logements du quartier nord.");
    // The themes come from the API (the Aides-Territoires taxonomy, French names).
    await camille.getByRole("checkbox", { name: "Eau et milieux aquatiques", exact: true }).check({ force: true });
    await camille.getByRole("checkbox", { name: "Énergies / Déchets", exact: true }).check({ force: true });
    await camille.getByRole("radio", { name: "Étude" }).check({ force: true });
    await check(camille, "04-nouveau-projet-projet");
    await camille.getByRole("button", { name: "Étape suivante" }).click();
    await camille.getByLabel("Budget estimé (en euros)").fill("douze");
    await camille.getByRole("button", { name: "Étape suivante" }).click();
    await camille.getByText("Indiquez un montant en euros, en chiffres (ex. 150000).").waitFor();
    await camille.getByLabel("Budget estimé (en euros)").fill("1 250 000");
    await camille.getByLabel("Début prévu").fill("2027-03-01");
    await camille.getByLabel("Fin prévue").fill("2028-06-30");
    await camille.getByRole("button", { name: "Étape suivante" }).click();
    await camille.getByLabel("Besoins auxquels le projet répond").fill("Chauffer 400 logements sans fioul.");
    await camille.getByLabel("Partenaires déjà associés").fill("Bailleur social\nADEME");
    await camille.getByLabel("Maturité du projet").selectOption("PROGRAMMED");
    await check(camille, "05-nouveau-projet-etat-des-lieux");
    await camille.getByRole("button", { name: "Enregistrer le brouillon" }).click();

    // The draft's fiche, then "Déposer le projet".
    await camille.waitForURL(/#\/projets\//);
    await camille.getByRole("heading", { name: title }).waitFor();
    const projectId = decodeURIComponent(new URL(camille.url()).hash.replace("#/projets/", ""));
    expect(await textOf(camille)).toContain("Budget estimé 1 250 000 €");
    await showTab(camille, "État des lieux");
    expect(await textOf(camille)).toContain("Besoins Chauffer 400 logements sans fioul.");
    await showTab(camille, "Présentation");
    await check(camille, "06-fiche-brouillon");
    await camille.getByRole("button", { name: "Déposer le projet" }).click();
    await camille.locator(".fiche-title .status", { hasText: "Déposé" }).waitFor({ timeout: 10_000 });

    // Julien sees it appear, without reload.
    const row = julien.getByTestId("inbox-row").filter({ hasText: title });
    await row.waitFor({ timeout: 10_000 });
    await check(julien, "07-projets-a-traiter");
    await row.getByRole("link", { name: title }).click();
    await julien.getByRole("heading", { name: title }).waitFor();
    await julien.getByRole("button", { name: "Qualifier" }).click();
    await julien.getByLabel("Priorité").selectOption({ label: "Haute" });
    await julien.getByRole("button", { name: "Confirmer" }).click();
    await julien.locator(".fiche-title .status", { hasText: "Qualifié" }).waitFor({ timeout: 10_000 });

    // Assign by theme to a colleague of his DDT, from the "Acteurs" tab: for "Énergies / Déchets",
    // Amélie Garnier (who follows it) is offered first; Julien (water, nature) among the others.
    await showTab(julien, "Acteurs");
    // Its label carries a hint ("Les agents qui suivent ce thème sont proposés en premier.").
    await julien.getByLabel(/^Thème suivi/).selectOption({ label: "Énergies / Déchets" });
    const followers = julien.locator('#assign-agent optgroup[label="Suivent le thème « Énergies / Déchets »"] option');
    await followers.first().waitFor({ state: "attached" });
    expect(await followers.allTextContents()).toEqual(["Amélie Garnier (suit : Énergies / Déchets, Urbanisme / logement / aménagement)"]);
    expect(await julien.locator('#assign-agent optgroup[label="Autres agents du service"] option').allTextContents()).toContain(
      "Julien Bernard (suit : Eau et milieux aquatiques, Nature / environnement)",
    );
    await julien.getByLabel("Agent", { exact: true }).selectOption({ label: "Amélie Garnier (suit : Énergies / Déchets, Urbanisme / logement / aménagement)" });
    await check(julien, "08-fiche-acteurs-etat");
    await julien.getByRole("button", { name: "Attribuer", exact: true }).click();
    await julien.locator(".fiche-title .status", { hasText: "Attribué" }).waitFor({ timeout: 10_000 });
    await julien.getByTestId("assignees").getByText("Amélie Garnier").waitFor();
    expect(await textOf(julien, '[data-testid="assignees"]')).toContain("Thème suivi : Énergies / Déchets");
    const assignees = await suite.hub.query<{ project: { assignees: { theme: string | null; person: { name: string } | null }[] } }>(
      `query($id: ID!) { project(id: $id) { assignees { theme person { name } } } }`,
      { id: projectId },
      await suite.hub.token(JULIEN),
    );
    expect(assignees.data?.project.assignees).toEqual([{ theme: "energies-dechets", person: { name: "Amélie Garnier" } }]);

    // Blocked with a reason, then unblocked; an expert organisation found by name and associated.
    await julien.getByLabel("Motif du blocage").fill("En attente de l'avis de l'architecte des bâtiments de France.");
    await julien.getByRole("button", { name: "Signaler le blocage" }).click();
    await julien.getByText("Projet bloqué : En attente de l'avis de l'architecte des bâtiments de France.").first().waitFor({ timeout: 10_000 });
    await julien.getByRole("button", { name: "Lever le blocage" }).click();
    await julien.getByRole("button", { name: "Signaler le blocage" }).waitFor({ timeout: 10_000 });
    await julien.getByLabel("Organisation (expert, opérateur)").fill("cerema");
    await julien.getByRole("button", { name: "Associer Cerema" }).click();
    await julien.getByTestId("actors").getByText("Cerema").waitFor({ timeout: 10_000 });

    // Camille, who has not reloaded, sees the activity live...
    await camille.locator(".fiche-title .status", { hasText: "Attribué" }).waitFor({ timeout: 10_000 });
    await showTab(camille, "Journal");
    await camille.getByTestId("journal-entry").filter({ hasText: "attribué" }).first().waitFor({ timeout: 10_000 });
    await check(camille, "09-fiche-journal");
    await showTab(camille, "Acteurs");
    await camille.getByTestId("assignees").getByText("Amélie Garnier").waitFor();

    // ...the funding proposals, with why each fits, and filtered by kind...
    await showTab(camille, "Financements");
    const opportunities = camille.getByTestId("funding-opportunity");
    await opportunities.first().waitFor({ timeout: 15_000 });
    expect(await textOf(camille, '[data-testid="funding-opportunity"] >> nth=0')).toContain("Pourquoi cette aide");
    await check(camille, "10-fiche-financements");
    await camille.getByRole("radio", { name: "Ingénierie" }).check({ force: true }); // a DSFR segmented control: its label takes the click
    await camille.waitForFunction(() => [...document.querySelectorAll('[data-testid="funding-opportunity"]')].every((card) => card.textContent.includes("Ingénierie")));

    // ...and prepares a Démarches Simplifiées dossier, whose state is listed.
    await camille.getByRole("button", { name: "Préparer mon dossier : Fonds vert" }).click();
    await camille.getByRole("link", { name: /Ouvrir le dossier sur Démarches Simplifiées/ }).waitFor({ timeout: 15_000 });
    await camille.getByTestId("funding-applications").waitFor();
    expect(await textOf(camille, '[data-testid="funding-applications"]')).toContain("Fonds vert");
    await check(camille, "11-fiche-dossier-prepare");

    // The other tabs, for axe and the record.
    for (const [tab, name] of [
      ["Échanges", "12-fiche-echanges"],
      ["Documents", "13-fiche-documents"],
      ["Actions", "14-fiche-actions"],
      ["État des lieux", "15-fiche-etat-des-lieux"],
    ] as const) {
      await showTab(camille, tab);
      await check(camille, name);
    }
    // 320 px wide: nothing wider than the screen.
    await camille.setViewportSize({ width: 320, height: 800 });
    await showTab(camille, "Présentation");
    expect(await camille.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await check(camille, "16-fiche-320px");

    // Her notification preferences, a page of their own (checked in notifications.test.ts).
    await camille.setViewportSize({ width: 1280, height: 900 });
    await camille.getByRole("link", { name: "Mes préférences de notification" }).first().click();
    await camille
      .getByRole("radio", { name: /Immédiatement/ })
      .and(camille.locator(":checked"))
      .waitFor({ state: "attached" });
    await check(camille, "25-preferences-notification");

    // The ANCT dashboard counts it: France, then the région, the département, the commune.
    // The CSV export is saved from a blob: URL of the page's own origin.
    const { page: nadia, outside: outsideNadia } = await openSignedIn(suite.browser, suite.hub.origin, NADIA, { allowBlobs: true });
    await nadia.getByRole("link", { name: "Tableau de bord" }).first().click();
    await nadia.getByRole("heading", { name: "Tableau de bord" }).waitFor();
    await nadia.getByTestId("dashboard-territories").waitFor();
    await check(nadia, "17-tableau-de-bord-france");
    await nadia.getByRole("link", { name: "Auvergne-Rhône-Alpes" }).click();
    await nadia.getByRole("link", { name: "Puy-de-Dôme" }).click();
    await nadia.locator(".fr-breadcrumb").getByText("Puy-de-Dôme").waitFor();
    const expected = await suite.hub.query<{ territory: { stats: { projectCount: number } | null } }>(
      `{ territory(id: "COMMUNE:63113") { stats { projectCount } } }`,
      {},
      await suite.hub.token(NADIA),
    );
    const count = expected.data!.territory.stats!.projectCount;
    expect(count).toBeGreaterThanOrEqual(1);
    const clermont = nadia.getByTestId("dashboard-territories").getByRole("row").filter({ hasText: "Clermont-Ferrand" }).first();
    expect((await clermont.innerText()).replace(/\s+/g, " ")).toContain(`Clermont-Ferrand ${count}`);
    await check(nadia, "18-tableau-de-bord-departement");

    // The département's portfolio: the figures are the API's, the charts' tables too.
    type Figures = { portfolio: { currentAt: string; projectCount: number; inactiveProjectCount: number; byStatus: { status: string; count: number }[] } };
    const figures = async (filter: Record<string, string>) =>
      (
        await suite.hub.query<Figures>(
          `query ($filter: PortfolioFilter) { portfolio(filter: $filter) { currentAt projectCount inactiveProjectCount byStatus { status count } } }`,
          { filter },
          await suite.hub.token(NADIA),
        )
      ).data!.portfolio;
    const department = await figures({ territoryId: "DEPARTEMENT:63" });
    expect(department.projectCount).toBeGreaterThanOrEqual(1);
    await nadia.getByTestId("dashboard-current-at").waitFor();
    expect(await nadia.getByTestId("dashboard-project-count").innerText()).toBe(String(department.projectCount));
    expect(await nadia.getByTestId("dashboard-inactive-count").innerText()).toBe(String(department.inactiveProjectCount));
    const statusTable = nadia.getByTestId("chart-status");
    await statusTable.getByText(/Tableau des données/).click();
    for (const line of department.byStatus) {
      const row = statusTable
        .getByRole("row")
        .filter({ hasText: formatStatus(line.status) })
        .first();
      expect((await row.innerText()).replace(/\s+/g, " ")).toContain(`${line.count}`);
    }
    await check(nadia, "19-tableau-de-bord-graphiques");

    // Filtered by the theme "Eau": the count follows the API's, and the CSV holds those projects.
    await nadia.getByLabel("Thématique", { exact: true }).selectOption("eau");
    await nadia.getByRole("button", { name: "Filtrer" }).click();
    const water = await figures({ territoryId: "DEPARTEMENT:63", theme: "eau" });
    await nadia.getByTestId("dashboard-project-count").getByText(String(water.projectCount), { exact: true }).waitFor();
    const [download] = await Promise.all([nadia.waitForEvent("download"), nadia.getByRole("button", { name: "Exporter en CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("projets.csv");
    const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    const lines = csv.split("\r\n").filter((line) => line !== "");
    expect(lines.length - 1).toBe(water.projectCount);
    expect(csv).toContain(title);

    // "Synchroniser avec Grist": an unknown table is said in French, then the projects are sent.
    const grist = nadia.getByTestId("grist-sync");
    await grist.getByLabel("Identifiant du document Grist").fill(GRIST_DOCUMENT);
    await grist.getByLabel("Identifiant de la table").fill("Inconnue");
    await grist.getByRole("button", { name: "Synchroniser avec Grist" }).click();
    await grist
      .getByRole("alert")
      .getByText(/document ou table introuvable dans Grist/)
      .waitFor();
    await grist.getByLabel("Identifiant de la table").fill("Projets");
    await grist.getByRole("button", { name: "Synchroniser avec Grist" }).click();
    await grist.getByRole("status").getByText(`Synchronisation terminée : ${water.projectCount} projet`, { exact: false }).waitFor();

    // 320 px wide: nothing wider than the screen, axe still clean.
    await nadia.setViewportSize({ width: 320, height: 800 });
    expect(await nadia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await check(nadia, "20-tableau-de-bord-320px");
    expect(outsideNadia).toEqual([]);
    expect(outsideCamille).toEqual([]);
    expect(outsideJulien).toEqual([]);
  });
});
