import type { Page } from "playwright-core";
import { CAMILLE, codes, JULIEN, NADIA } from "@hub/testing";
import { openedDialog, openSignedIn, signIn, textOf, watchOutside } from "./support/browser";
import { browserSuite, expectNoSeriousViolation, readmeScreenshot } from "./support/suite";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

/**
 * Deleting a document from the fiche, and the administration (ANCT national agents: people and
 * programmes' API keys), in a real headless Chromium against the real hub, driven by keyboard
 * where it matters (the confirmation modals), with axe on each state and a check at 320 px.
 */
describe("document deletion and administration in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, nadia: NADIA },
  });
  const { token } = suite;

  /** Presses Tab until the focused element's text is `text` (at most 15 times), as a keyboard user would. */
  const tabTo = async (page: Page, text: string) => {
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent.trim())) === text) return;
    }
    throw new Error(`"${text}" never got the focus`);
  };
  const dialog = (page: Page, title: string) => page.getByRole("dialog", { name: title });

  it("deletes a document from the fiche's Documents tab after a confirmation, by keyboard", async () => {
    const created = await suite.hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Halle du marché", territoryId: "COMMUNE:63113" }) { id } }`,
      {},
      token("camille"),
    );
    const projectId = created.data!.createProject.id;
    for (const name of ["devis ancien.pdf", "plan.pdf"]) {
      const response = await fetch(`${suite.hub.origin}/projects/${projectId}/documents?name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { "content-type": "application/pdf", authorization: `Bearer ${token("camille")}` },
        body: new Uint8Array(PDF),
      });
      expect(response.status).toBe(201);
    }
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE);
    await page.goto(`${suite.hub.origin}/#/projets/${projectId}`);
    await page.getByRole("heading", { name: "Halle du marché" }).waitFor();
    await page.getByRole("tab", { name: "Documents", exact: true }).click();
    expect(await page.getByTestId("document").count()).toBe(2);

    // "Annuler" keeps it.
    await page.getByRole("button", { name: "Supprimer « devis ancien.pdf »" }).focus();
    await page.keyboard.press("Enter");
    await openedDialog(page, "Supprimer le document");
    expect(await textOf(page, "dialog[open]")).toContain("Le document « devis ancien.pdf » sera supprimé du projet");
    await expectNoSeriousViolation(page, "modal de suppression");
    await readmeScreenshot(page, "21-fiche-supprimer-document.png", false);
    await page.keyboard.press("Escape");
    await dialog(page, "Supprimer le document").waitFor({ state: "hidden" });
    expect(await page.getByTestId("document").count()).toBe(2);

    // Confirmed: gone from the page, the API, and the journal says so.
    await page.getByRole("button", { name: "Supprimer « devis ancien.pdf »" }).focus();
    await page.keyboard.press("Enter");
    await openedDialog(page, "Supprimer le document");
    await tabTo(page, "Supprimer définitivement");
    await page.keyboard.press("Enter");
    await page.getByText("Document « devis ancien.pdf » supprimé.").waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="document"]').length === 1);
    expect(await textOf(page, '[data-testid="document"]')).toContain("plan.pdf");
    const fiche = await suite.hub.query<{ project: { documents: { name: string }[]; activity: { edges: { node: { kind: string } }[] } } }>(
      `query($id: ID!) { project(id: $id) { documents { name } activity(first: 20) { edges { node { kind } } } } }`,
      { id: projectId },
      token("camille"),
    );
    expect(fiche.data!.project.documents).toEqual([{ name: "plan.pdf" }]);
    expect(fiche.data!.project.activity.edges.map((e) => e.node.kind)).toContain("DOCUMENT_DELETED");
    await page.getByRole("tab", { name: "Journal", exact: true }).click();
    await page.getByText("Document « devis ancien.pdf » supprimé de « Halle du marché »").waitFor();
    expect(outside).toEqual([]);
  });

  /** Nadia's administration page (the clipboard allowed, for "Copier la clé"), reached from the header. */
  const openAdministration = async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.hub.origin });
    const page = await context.newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await signIn(page, NADIA);
    await page.getByRole("link", { name: "Administration" }).first().click();
    expect(new URL(page.url()).hash).toBe("#/administration");
    await page.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
    return { page, outside };
  };

  it("lets an ANCT national agent find, suspend, reactivate and invite people", async () => {
    const { page, outside } = await openAdministration();
    await page.getByTestId("person-row").first().waitFor();
    const rows = await page.getByTestId("person-row").allInnerTexts();
    expect(rows.some((row) => row.includes("Camille Martin") && row.includes(CAMILLE))).toBe(true);
    // Her own row offers no suspension.
    expect(rows.find((row) => row.includes(NADIA))).toContain("Votre compte");
    await expectNoSeriousViolation(page, "administration, personnes");
    await readmeScreenshot(page, "22-administration-personnes.png");

    // Search, then suspend Julien by keyboard through the confirmation modal.
    await page.getByLabel("Nom, prénom ou courriel").fill("julien");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="person-row"]').length === 1);
    await page.getByRole("button", { name: "Suspendre Julien Bernard" }).focus();
    await page.keyboard.press("Enter");
    await openedDialog(page, "Suspendre le compte");
    await expectNoSeriousViolation(page, "modal de suspension");
    await tabTo(page, "Suspendre le compte");
    await page.keyboard.press("Enter");
    await page.getByText("Compte de Julien Bernard suspendu").waitFor();
    // The list is read again after the mutation (the cache marks it out of date): the row follows.
    await page
      .getByTestId("person-row")
      .locator(".fr-badge", { hasText: /^Suspendu$/ })
      .waitFor();
    await expect(suite.hub.token(JULIEN)).rejects.toThrow(/no token/);
    await page.getByRole("button", { name: "Réactiver Julien Bernard" }).click();
    await page.getByText("Compte de Julien Bernard réactivé.").waitFor();
    await page
      .getByTestId("person-row")
      .locator(".fr-badge", { hasText: /^Actif$/ })
      .waitFor();
    expect(await suite.hub.token(JULIEN)).toBeTruthy();

    // Invite into the DDT: the organisation searched by name, the role from the API's answer.
    await page.getByLabel("Prénom", { exact: true }).fill("Agathe");
    await page.getByLabel("Nom", { exact: true }).fill("Blanc");
    await page.locator("#invite-email").fill("agathe.blanc@ddt63.demo");
    await page.locator("#invite-organization").fill("territoires Puy-de-Dôme");
    await page.getByRole("option", { name: /^Direction départementale des territoires du Puy-de-Dôme/ }).click();
    await page.getByRole("button", { name: "Inviter", exact: true }).click();
    await page.getByText("Invitation enregistrée : agathe.blanc@ddt63.demo rejoint Direction départementale des territoires du Puy-de-Dôme comme agent de l'état.").waitFor();
    const [invited] = await suite.hub.sql<{ status: string; organization: string; role: string }>(
      "people-territories",
      "SELECT p.status, m.organization_id AS organization, m.role FROM person p JOIN membership m ON m.person_id = p.id WHERE p.email = 'agathe.blanc@ddt63.demo'",
    );
    expect(invited).toEqual({ status: "PENDING", organization: "DDT:63", role: "STATE_AGENT" });
    await page.getByLabel("Nom, prénom ou courriel").fill("agathe");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByTestId("person-row").filter({ hasText: "Agathe Blanc" }).waitFor();
    expect(await page.getByTestId("person-row").locator(".fr-badge").textContent()).toBe("Invité, jamais connecté");

    expect(outside).toEqual([]);
  });

  it("lets an ANCT national agent create, copy and revoke a programme's key; the page fits 320 px", async () => {
    const { page, outside } = await openAdministration();
    await page.getByRole("tab", { name: "Clés d'API" }).click();
    await page.getByRole("heading", { name: /Clés d'API des programmes/ }).waitFor();
    await page.locator("#key-name").fill("Petites villes de demain");
    await page.getByText("Lire les statistiques").click();
    await page.getByRole("button", { name: "Créer la clé" }).click();
    await page.getByTestId("new-key").waitFor();
    const key = await page.locator("#new-key").inputValue();
    expect(key).toMatch(/^hubk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copier la clé" }).click();
    await page.getByText("Clé copiée dans le presse-papiers.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const row = page.getByTestId("api-key-row").filter({ hasText: "Petites villes de demain" });
    await row.waitFor();
    expect(await textOf(page, '[data-testid="api-key-row"]:has-text("Petites villes de demain")')).toContain("Lire les projets, Lire les statistiques");
    const withKey = await suite.hub.query(`{ projects(first: 1) { edges { node { id } } } }`, {}, key);
    expect(withKey.errors).toBeUndefined();
    await expectNoSeriousViolation(page, "administration, clés");
    await readmeScreenshot(page, "23-administration-cles.png");

    await row.getByRole("button", { name: "Révoquer la clé « Petites villes de demain »" }).focus();
    await page.keyboard.press("Enter");
    await openedDialog(page, "Révoquer la clé");
    await tabTo(page, "Révoquer la clé");
    await page.keyboard.press("Enter");
    await page.getByText("Clé « Petites villes de demain » révoquée").waitFor();
    await row.getByText(/Révoquée le/).waitFor();
    expect(codes(await suite.hub.query(`{ projects(first: 1) { edges { node { id } } } }`, {}, key))).toEqual(["UNAUTHENTICATED"]);

    // 320 px wide: nothing wider than the screen, axe still clean.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.getByRole("tab", { name: "Personnes" }).click();
    await page.getByTestId("person-row").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoSeriousViolation(page, "administration à 320 px");
    await readmeScreenshot(page, "24-administration-320px.png");
    expect(outside).toEqual([]);
  });

  it("hides the administration from a collectivité, and the page and the API refuse her", async () => {
    const { page } = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE);
    await page.getByRole("heading", { name: "Mes projets" }).waitFor();
    expect(await page.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await page.goto(`${suite.hub.origin}/#/administration`);
    await page.getByText("Cette page est réservée aux agents nationaux de l'ANCT.").waitFor();
    expect(await page.getByTestId("person-row").count()).toBe(0);
    expect(codes(await suite.hub.query(`{ people { edges { node { id } } } }`, {}, token("camille")))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.hub.query(`{ apiKeys { edges { node { id } } } }`, {}, token("camille")))).toEqual(["FORBIDDEN"]);
  });
});
