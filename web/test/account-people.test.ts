import type { Page } from "playwright-core";
import { CAMILLE, JULIEN, NADIA } from "@hub/testing";
import { openSignedIn, subscriptionSent, textOf } from "./support/browser";
import { browserSuite, expectNoSeriousViolation, readmeScreenshot } from "./support/suite";

/** The machine may be loaded: waits on the DOM are long, never on time. */
const LONG = { timeout: 30_000 };
const DDT = "Direction départementale des territoires du Puy-de-Dôme";

/**
 * "Mon compte", the one organisation search and the live lists, in a real headless Chromium
 * against the real hub: Julien (DDT 63) edits the themes he follows and his notifications from
 * his account page; the organisation search (a combobox, by keyboard and by mouse) filters
 * Nadia's people by organisation, chooses the organisation of an invitation (the list follows
 * it without a new search) and associates an expert with a project; "Mes projets" follows what
 * another session changes. axe on each new state; 320 px; nothing leaves the origin.
 */
describe("account, organisation search and live lists in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN, nadia: NADIA },
  });
  const { call } = suite;

  const createProject = async (title: string, submit: boolean) => {
    const { createProject } = await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
      i: { title, territoryId: "COMMUNE:63113", themes: ["eau"], phase: "IDEE" },
    });
    if (submit) await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: createProject.id });
    return createProject.id;
  };
  /** The combobox's highlighted option (aria-activedescendant), as a screen reader announces it. */
  const highlighted = (page: Page, inputId: string) =>
    page.evaluate((id) => {
      const input = document.getElementById(id);
      const active = input?.getAttribute("aria-activedescendant");
      return active ? (document.getElementById(active)?.textContent ?? null) : null;
    }, inputId);

  it("lets a State agent edit the themes he follows and his notifications from Mon compte", async () => {
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    await page.getByRole("link", { name: "Mon compte" }).first().click();
    expect(new URL(page.url()).hash).toBe("#/mon-compte");
    await page.getByRole("heading", { name: "Mon compte", level: 1 }).waitFor(LONG);
    await page.getByRole("checkbox", { name: "Eau et milieux aquatiques" }).waitFor(LONG);
    const text = await textOf(page);
    expect(text).toContain("Julien Bernard");
    expect(text).toContain(JULIEN);
    expect(text).toContain(`${DDT} (DDT, Puy-de-Dôme) — Agent de l'État`);
    expect(await page.getByRole("checkbox", { name: "Eau et milieux aquatiques" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Nature / environnement" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Mobilité / transports" }).isChecked()).toBe(false);
    await expectNoSeriousViolation(page, "mon compte (DDT)");

    // Nature left, mobility followed: saved with setMyThemes, in the taxonomy's order.
    await page.getByText("Nature / environnement", { exact: true }).click();
    await page.getByText("Mobilité / transports", { exact: true }).click();
    await page.getByRole("button", { name: "Enregistrer mes thématiques" }).click();
    await page.getByText("Thématiques enregistrées : Eau et milieux aquatiques, Mobilité / transports.").waitFor(LONG);
    expect((await call<{ me: { themes: string[] } }>("julien", `{ me { themes } }`)).me.themes).toEqual(["eau", "mobilite-transports"]);

    // The e-mail notifications, the same form as "Mes préférences de notification".
    await page.getByRole("heading", { name: "Notifications par courriel" }).waitFor();
    await page.getByText("Un résumé par jour").click();
    await page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
    await page.getByText("Préférences enregistrées : un résumé par jour.").waitFor(LONG);
    expect((await call<{ me: { notificationFrequency: string } }>("julien", `{ me { notificationFrequency } }`)).me.notificationFrequency).toBe("DAILY_DIGEST");
    await expectNoSeriousViolation(page, "mon compte, enregistré");
    await readmeScreenshot(page, "43-mon-compte-ddt.png");

    // After a reload the page shows what the API holds.
    await page.reload();
    await page.getByRole("checkbox", { name: "Mobilité / transports" }).waitFor(LONG);
    expect(await page.getByRole("checkbox", { name: "Mobilité / transports" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Nature / environnement" }).isChecked()).toBe(false);

    // Camille (a collectivité) reads her account; themes are not hers to follow; 320 px.
    const { page: camille, outside: camilleOutside } = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE);
    await camille.setViewportSize({ width: 320, height: 800 });
    await camille.goto(`${suite.hub.origin}/#/mon-compte`);
    await camille.getByRole("heading", { name: "Thématiques suivies" }).waitFor(LONG);
    expect(await textOf(camille)).toContain("Le suivi par thématique concerne les agents de l’État");
    expect(await camille.getByRole("checkbox").count()).toBe(0);
    expect(await camille.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoSeriousViolation(camille, "mon compte (collectivité, 320 px)");
    await readmeScreenshot(camille, "44-mon-compte-collectivite-320px.png");
    expect([...outside, ...camilleOutside]).toEqual([]);
  });

  it("finds organisations with the same search to filter people, invite one and associate an expert", async () => {
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, NADIA);
    await page.goto(`${suite.hub.origin}/#/administration`);
    await page.getByTestId("person-row").first().waitFor(LONG);

    // 1. The people filter, by keyboard: ↓ highlights, Entrée chooses; the list narrows at once.
    const filter = page.locator("#people-organization");
    await filter.fill("territoires du Puy");
    await page
      .getByRole("listbox", { name: "Organisations pour « territoires du Puy »" })
      .getByRole("option", { name: new RegExp(`^${DDT}`) })
      .waitFor(LONG);
    expect(await filter.getAttribute("aria-expanded")).toBe("true");
    await expectNoSeriousViolation(page, "recherche d'organisation ouverte");
    await readmeScreenshot(page, "45-recherche-organisation.png");
    await filter.press("ArrowDown");
    expect(await highlighted(page, "people-organization")).toContain(DDT);
    await filter.press("Enter");
    await page.getByText(`Organisation : ${DDT}`).waitFor(LONG);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="person-row"]').length === 2, undefined, LONG);
    const rows = await page.getByTestId("person-row").allInnerTexts();
    expect(rows.join(" ")).toContain("Amélie Garnier");
    expect(rows.join(" ")).toContain("Julien Bernard");
    await expectNoSeriousViolation(page, "personnes d'une organisation");
    await readmeScreenshot(page, "46-personnes-par-organisation.png");
    // Échap closes the list.
    await page.getByRole("button", { name: "Toutes les organisations" }).click();
    await page.locator("#people-organization").fill("cerema");
    await page.getByRole("option", { name: /^Cerema/ }).waitFor(LONG);
    await page.locator("#people-organization").press("Escape");
    await page
      .getByRole("listbox", { name: /Organisations pour/ })
      .first()
      .waitFor({ state: "hidden" });
    await page.locator("#people-organization").fill("");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="person-row"]').length > 2, undefined, LONG);

    // 2. The invitation's organisation, by mouse; the list shows the invitee without a new search.
    await page.getByLabel("Prénom", { exact: true }).fill("Hugo");
    await page.getByLabel("Nom", { exact: true }).fill("Lefèvre");
    await page.locator("#invite-email").fill("hugo.lefevre@cerema.demo");
    await page.locator("#invite-organization").fill("cerema");
    await page.getByRole("option", { name: /^Cerema/ }).click();
    await page.getByText("Organisation : Cerema").waitFor();
    await page.getByRole("button", { name: "Inviter", exact: true }).click();
    await page.getByText("Invitation enregistrée : hugo.lefevre@cerema.demo rejoint Cerema comme expert.").waitFor(LONG);
    const invitee = page.getByTestId("person-row").filter({ hasText: "Hugo Lefèvre" });
    await invitee.waitFor(LONG);
    expect(await invitee.locator(".fr-badge").textContent()).toBe("Invité, jamais connecté");
    // A suspension shows in the row (the cache), and the list is read again.
    await page.getByRole("button", { name: "Suspendre Hugo Lefèvre" }).click();
    await page.getByRole("dialog", { name: "Suspendre le compte" }).getByRole("button", { name: "Suspendre le compte" }).click();
    await page.getByText("Compte de Hugo Lefèvre suspendu").waitFor(LONG);
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="person-row"]')].some((row) => row.textContent.includes("Hugo Lefèvre") && row.textContent.includes("Suspendu")),
      undefined,
      LONG,
    );

    // 3. An expert associated with a project from the fiche's "Acteurs", by keyboard.
    const projectId = await createProject("Renaturation des berges de la Tiretaine", true);
    const { page: julien, outside: julienOutside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    await julien.goto(`${suite.hub.origin}/#/projets/${projectId}`);
    await julien.getByRole("tab", { name: "Acteurs" }).click(LONG);
    const associate = julien.locator("#associate-search");
    await associate.fill("cerema");
    await julien.getByRole("option", { name: /^Cerema/ }).waitFor(LONG);
    await associate.press("ArrowDown");
    expect(await highlighted(julien, "associate-search")).toContain("Cerema");
    await expectNoSeriousViolation(julien, "acteurs, recherche d'organisation");
    await readmeScreenshot(julien, "47-acteurs-associer-organisation.png");
    await associate.press("Enter");
    await julien.getByTestId("actors").getByText("Cerema").waitFor(LONG);
    const actors = await call<{ project: { actors: { id: string }[] } }>("julien", `query($id: ID!) { project(id: $id) { actors { id } } }`, { id: projectId });
    expect(actors.project.actors.map((a) => a.id)).toEqual(["OPERATOR:CEREMA"]);
    expect([...outside, ...julienOutside]).toEqual([]);
  });

  it("keeps Mes projets current with what another session changes, without a reload", async () => {
    const first = await createProject("Création d'une maison de santé", true);
    const { page: camille, outside } = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE);
    const subscribed = subscriptionSent(camille, "ProjectListActivity");
    await camille.getByRole("heading", { name: "Mes projets" }).waitFor(LONG);
    const row = (title: string) => camille.locator("tr", { hasText: title });
    await row("Création d'une maison de santé").waitFor(LONG);
    await subscribed;
    // A mark that a reload would wipe out.
    await camille.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    // The servers have the subscription: give it a moment to reach the projects subgraph.
    await camille.waitForTimeout(1000);

    // In another browser context, Julien qualifies it from its fiche: Camille's row says so.
    const { page: julien, outside: julienOutside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    await julien.goto(`${suite.hub.origin}/#/projets/${first}`);
    await julien.getByRole("button", { name: "Qualifier" }).click(LONG);
    await julien.getByLabel("Priorité").selectOption({ label: "Haute" });
    await julien.getByRole("button", { name: "Confirmer" }).click();
    await julien.locator(".fiche-title .status", { hasText: "Qualifié" }).waitFor(LONG);
    await camille.waitForFunction(
      () => [...document.querySelectorAll("tr")].some((tr) => tr.textContent.includes("Création d'une maison de santé") && tr.textContent.includes("Qualifié")),
      undefined,
      LONG,
    );

    // Julien renames it: the new title shows; a project created elsewhere appears at the top.
    const { project } = await call<{ project: { version: number } }>("julien", `query($id: ID!) { project(id: $id) { version } }`, { id: first });
    await call("julien", `mutation($id: ID!, $v: Int!) { updateProject(id: $id, version: $v, input: { title: "Maison de santé pluriprofessionnelle" }) { id } }`, { id: first, v: project.version });
    await row("Maison de santé pluriprofessionnelle").waitFor(LONG);
    await createProject("Piste cyclable vers le campus des Cézeaux", false);
    await row("Piste cyclable vers le campus des Cézeaux").waitFor(LONG);
    expect(await camille.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expectNoSeriousViolation(camille, "mes projets, mis à jour en direct");
    await readmeScreenshot(camille, "48-mes-projets-en-direct.png");
    expect([...outside, ...julienOutside]).toEqual([]);
  });
});
