import { CAMILLE } from "@hub/testing";
import { signIn, watchOutside } from "./support/browser";
import { browserSuite } from "./support/suite";

/**
 * The built web app (npm run build), served by the gateway, in a real headless Chromium
 * (a system Chromium, else the one npm brings: testing/src/chromium-path.ts): sign in with a demo account, see the projects.
 */
describe("web app in Chromium", () => {
  const suite = browserSuite({
    setUp: async ({ hub }) => {
      const token = await hub.token(CAMILLE);
      for (const title of ["Réhabilitation du lavoir", "Création d'une halle"]) {
        const created = await hub.query(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"] } }, token);
        expect(created.errors).toBeUndefined();
      }
    },
  });

  it("signs in as a demo account and lists the projects through the gateway", async () => {
    const page = await suite.browser.newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await signIn(page, CAMILLE);
    const rows = page.getByTestId("project-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const text = await rows.allInnerTexts();
    expect(text.join("\n")).toContain("Création d'une halle");
    expect(text.join("\n")).toContain("Clermont-Ferrand");
    expect(text.join("\n")).toMatch(/Brouillon/i); // a DSFR badge, upper case on screen
    expect(outside).toEqual([]);
    await page.close();
  });

  it("keeps listing the projects while people-territories is down: their commune and porteur say they are unavailable", async () => {
    const page = await browser.newPage();
    await page.goto(hub.origin);
    await signIn(page, CAMILLE);
    await page.getByTestId("project-row").first().waitFor();
    await hub.stopSubgraph("people-territories");
    try {
      // A new search reads the list again (network-only), without the territories and organisations.
      await page.evaluate(() => (window.location.hash = "#/?recherche=halle"));
      const row = page.getByTestId("project-row").filter({ hasText: "Territoire indisponible" });
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Création d'une halle\s+Territoire indisponible\s+Organisation indisponible/);
      await page.getByText("Erreur : service momentanément indisponible, réessayez plus tard").waitFor();
    } finally {
      await hub.startSubgraph("people-territories");
    }
    await page.close();
  });

  it("shows the French error of a refused sign-in", async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.hub.origin);
    await page.evaluate(() => sessionStorage.clear());
    await page.route("**/auth/dev/token", (route) => route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: "Aucun compte actif pour cette adresse" }) }));
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Connexion impossible : Aucun compte actif pour cette adresse").waitFor();
    await page.close();
  });
});
