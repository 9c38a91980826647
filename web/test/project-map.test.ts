import type { Page } from "playwright-core";
import { CAMILLE, JULIEN, NADIA } from "@hub/testing";
import { openSignedIn, textOf } from "./support/browser";
import { browserSuite, expectNoSeriousViolation, readmeScreenshot } from "./support/suite";

/**
 * "Carte des projets" in Chromium: the counts per département on the map (numbers on it, the
 * overseas and Paris insets, a legend) and in the table, the list's filters applied, a
 * département opened by keyboard into the filtered list, what a DDT agent and a collectivité
 * get, axe on each state, 320 px, nothing loaded from another origin.
 */
describe("the map of projects in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE },
    setUp: async ({ hub, token }) => {
      const create = async (title: string, themes: string[], submit = true) => {
        const created = await hub.query<{ createProject: { id: string } }>(
          `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
          { i: { title, territoryId: "COMMUNE:63113", themes, phase: "IDEE" } },
          token("camille"),
        );
        const id = created.data!.createProject.id;
        if (submit) expect((await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id }, token("camille"))).errors).toBeUndefined();
        return id;
      };
      await create("Réseau d'eau des Vergnes", ["eau"]);
      await create("Piste cyclable de Montferrand", ["mobilite-transports"]);
      await create("Brouillon de gymnase", ["eau"], false);
      const paris = await create("Square parisien", ["mobilite-transports"]);
      const harbour = await create("Port de plaisance", ["eau"]);
      // Elsewhere in France (no collectivité there among the demo accounts): territories set in SQL.
      await hub.sql("projects", "UPDATE project SET territory_id = 'COMMUNE:75056', territory_ids = ARRAY['COMMUNE:75056', 'DEPARTEMENT:75', 'REGION:11'] WHERE id = $1", [paris]);
      await hub.sql("projects", "UPDATE project SET territory_id = 'COMMUNE:97120', territory_ids = ARRAY['COMMUNE:97120', 'DEPARTEMENT:971', 'REGION:01'] WHERE id = $1", [harbour]);
    },
  });
  const mapLink = (page: Page, name: string) => page.locator("svg.departement-map").getByRole("link", { name, exact: true });
  const tableRows = async (page: Page) =>
    (await page.locator(".map-table tbody tr").allInnerTexts()).map((row) =>
      row
        .split(/\t|\n/)
        .map((cell) => cell.trim())
        .filter(Boolean),
    );

  it("shows national staff the counts of every département on the map and in the table; a département opens its filtered list by keyboard", async () => {
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, NADIA, { viewport: { width: 1400, height: 1000 } });
    await page.getByRole("link", { name: "Carte des projets" }).click();
    expect(new URL(page.url()).hash).toBe("#/carte-des-projets");
    await page.getByRole("heading", { level: 1, name: "Carte des projets" }).waitFor();
    await page.getByTestId("map-total").getByText("4 projets dans 3 départements.").waitFor();
    // On the map: a link per département with projects, its number written on it; overseas and Paris in their insets.
    await mapLink(page, "Puy-de-Dôme (63) : 2 projets").waitFor();
    expect(await mapLink(page, "Puy-de-Dôme (63) : 2 projets").locator("text").textContent()).toBe("2");
    expect(await mapLink(page, "Guadeloupe (971) : 1 projet").locator("text").textContent()).toBe("1");
    expect(await mapLink(page, "Paris (75) : 1 projet").locator("text").textContent()).toBe("1");
    expect(await page.locator("svg.departement-map").getByRole("link").count()).toBe(3);
    expect(await page.locator("svg.departement-map .map-inset-title").allTextContents()).toEqual(["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Petite couronne"]);
    // Not colour alone: the legend names each colour's counts.
    expect(await page.locator(".map-legend li").allInnerTexts()).toEqual(["Aucun projet", "1 projet", "2 projets"]);
    // The same figures in the table.
    expect(await tableRows(page)).toEqual([
      ["Puy-de-Dôme", "63", "2"],
      ["Paris", "75", "1"],
      ["Guadeloupe", "971", "1"],
    ]);
    expect(await textOf(page, ".map-table tfoot")).toContain("Total (chaque projet une fois) 4");
    await expectNoSeriousViolation(page, "map");
    await readmeScreenshot(page, "60-carte-projets.png");

    // The list's filters: a theme.
    await page.getByLabel("Thème", { exact: true }).selectOption({ label: "Eau et milieux aquatiques" });
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByTestId("map-total").getByText("2 projets dans 2 départements.").waitFor();
    expect(await tableRows(page)).toEqual([
      ["Puy-de-Dôme", "63", "1"],
      ["Guadeloupe", "971", "1"],
    ]);
    await expectNoSeriousViolation(page, "map, filtered");
    await readmeScreenshot(page, "61-carte-projets-filtre.png");

    // By keyboard: from the filters' last button, Tab reaches the map's first département, Entrée opens its list.
    await page.getByRole("button", { name: "Effacer" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Puy-de-Dôme (63) : 1 projet");
    await page.keyboard.press("Enter");
    await page.getByTestId("list-territory").getByText("Puy-de-Dôme").waitFor();
    const hash = new URL(page.url()).hash;
    expect(new URLSearchParams(hash.slice(hash.indexOf("?") + 1)).get("territoire")).toBe("DEPARTEMENT:63");
    await page.getByRole("link", { name: "Réseau d'eau des Vergnes" }).waitFor();
    expect(await page.getByTestId("project-row").count()).toBe(1);
    expect(await page.getByLabel("Thème", { exact: true }).inputValue()).toBe("eau");
    await expectNoSeriousViolation(page, "list of a département");
    await readmeScreenshot(page, "62-carte-liste-departement.png");
    // Without the territory, the theme stays.
    await page.getByRole("button", { name: "Retirer ce territoire" }).click();
    await page.getByRole("link", { name: "Port de plaisance" }).waitFor();
    expect(await page.getByTestId("project-row").count()).toBe(2);
    expect(await page.getByTestId("list-territory").count()).toBe(0);

    // The table's links lead to the same list.
    await page.goBack();
    await page.goBack();
    await page.getByTestId("map-total").waitFor();
    await page.locator(".map-table").getByRole("link", { name: "Guadeloupe" }).click();
    await page.getByRole("link", { name: "Port de plaisance" }).waitFor();
    expect(await page.getByTestId("project-row").count()).toBe(1);
    expect(outside).toEqual([]);
  });

  it("shows a DDT agent its département's projects, at 320 px too; a collectivité has no map", async () => {
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    await page.getByRole("link", { name: "Carte des projets" }).click();
    await page.getByTestId("map-total").getByText("2 projets dans 1 département.").waitFor();
    expect(await tableRows(page)).toEqual([["Puy-de-Dôme", "63", "2"]]);
    expect(await page.locator("svg.departement-map").getByRole("link").count()).toBe(1);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect((await page.locator("svg.departement-map").boundingBox())!.width).toBeLessThanOrEqual(320);
    await expectNoSeriousViolation(page, "map, 320 px");
    await readmeScreenshot(page, "63-carte-projets-320px.png");
    expect(outside).toEqual([]);

    const collectivite = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE);
    expect(await collectivite.page.getByRole("link", { name: "Carte des projets" }).count()).toBe(0);
    await collectivite.page.goto(`${suite.hub.origin}/#/carte-des-projets`);
    await collectivite.page.getByText("Cette vue est réservée aux agents de l'État et de l'ANCT.").waitFor();
  });
});
