import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { CAMILLE, JULIEN } from "@hub/testing";
import { screenshot, signIn, textOf, watchOutside } from "./support/browser";
import { browserSuite } from "./support/suite";

/**
 * A project's fiche in the built web app, in a real headless Chromium: its content, its
 * journal and conversation updated live over graphql-ws (changes made by others through the
 * API while the page is left alone), the message form, and the fiche's address (#/projets/<id>).
 */
describe("project fiche in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN },
  });
  const { call, token } = suite;

  const createProject = async (title: string) => {
    const input = {
      title,
      territoryId: "COMMUNE:63113",
      communeIds: ["COMMUNE:63014"],
      themes: ["eau"],
      programmes: ["Petites villes de demain"],
      phase: "ETUDE",
      budgetEuros: 250000,
      startDate: "2026-09-01",
      endDate: "2027-06-30",
    };
    return (await call<{ createProject: { id: string; version: number } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id version } }`, { i: input })).createProject;
  };
  const comment = (who: string, projectId: string, body: string, internal = false) =>
    call(who, `mutation($id: ID!, $b: String!, $i: Boolean) { addComment(projectId: $id, body: $b, internal: $i) { id } }`, { id: projectId, b: body, i: internal });
  const submit = (projectId: string) => call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });
  /** The journal's ids as the API gives them to camille. */
  const journalIds = async (projectId: string) =>
    (
      await call<{ project: { activity: { edges: { node: { id: string } }[] } } }>("camille", `query($id: ID!) { project(id: $id) { activity(first: 50) { edges { node { id } } } } }`, {
        id: projectId,
      })
    ).project.activity.edges.map((e) => e.node.id);

  const shownJournalIds = (page: Page) => page.getByTestId("journal-entry").evaluateAll((items) => items.map((item) => item.getAttribute("data-activity-id")));
  const waitForJournal = (page: Page, count: number) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="journal-entry"]').length === n, count, { timeout: 10_000 });

  it("opens a fiche from the list, follows others' changes live, and sends a message", async () => {
    const title = "Réhabilitation du lavoir";
    const { id, version } = await createProject(title);
    await call("camille", `mutation($id: ID!, $v: Int!, $d: DiagnosticInput!) { updateDiagnostic(id: $id, version: $v, input: $d) { id } }`, {
      id,
      v: version,
      d: {
        needs: "Remettre en eau le lavoir du quartier Saint-Jacques",
        partners: ["CAUE du Puy-de-Dôme"],
        financingPlan: [
          { source: "Commune", amountEuros: 50000, secured: true },
          { source: "État (DETR)", amountEuros: 100000, secured: false },
        ],
        maturity: "INTENTION",
      },
    });
    await comment("camille", id, "Premier message de la commune : le dossier est en préparation.");
    await call("camille", `mutation($id: ID!) { addAction(projectId: $id, title: "Étude de faisabilité") { id } }`, { id });
    const upload = await fetch(`${suite.hub.origin}/projects/${id}/documents?name=plan.txt`, {
      method: "POST",
      headers: { authorization: `Bearer ${token("camille")}`, "content-type": "text/plain" },
      body: "Plan du lavoir",
    });
    expect(upload.status).toBe(201);

    const page = await suite.browser.newPage();
    // Documents are downloaded into blob: URLs of the page's own origin.
    const outside = watchOutside(page, suite.hub.origin, true);
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(socket.url()));
    await page.goto(suite.hub.origin);
    await signIn(page, CAMILLE);
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/projets/${id}`);

    // The fiche in tabs: each shows its part.
    const showTab = (name: string) => page.getByRole("tab", { name, exact: true }).click();
    expect(await page.getByRole("tab").allInnerTexts()).toEqual(["Présentation", "État des lieux", "Échanges", "Documents", "Actions", "Recommandations", "Financements", "Acteurs", "Journal"]);
    expect(await page.locator(".fiche-title .status").innerText()).toMatch(/^Brouillon$/i);
    let fiche = await textOf(page);
    for (const expected of [
      "Phase Étude",
      "Clermont-Ferrand (principal) Aubière",
      "Thèmes Eau et milieux aquatiques",
      "Petites villes de demain",
      "Budget estimé 250 000 €",
      "du 01/09/2026 au 30/06/2027",
    ]) {
      expect(fiche).toContain(expected);
    }
    await showTab("État des lieux");
    fiche = await textOf(page);
    for (const expected of [
      "Besoins Remettre en eau le lavoir du quartier Saint-Jacques",
      "Freins Non renseigné",
      "CAUE du Puy-de-Dôme",
      "État (DETR) 100 000 € Non",
      "Total 150 000 €",
      "Maturité Intention",
    ]) {
      expect(fiche).toContain(expected);
    }
    await showTab("Actions");
    expect(await textOf(page, '[data-testid="action"]')).toContain("Étude de faisabilité");
    expect(await page.getByLabel("Statut de l'action « Étude de faisabilité »").inputValue()).toBe("PROPOSED");
    await showTab("Documents");
    expect(await textOf(page)).toContain("plan.txt 14 octets");
    await showTab("Journal");
    await page.getByTestId("journal-entry").first().waitFor();
    expect(await textOf(page, '[data-testid="journal-entry"] >> nth=0')).toContain(`Camille Martin Projet « ${title} » créé`);
    expect(await shownJournalIds(page)).toEqual(await journalIds(id));
    await showTab("Échanges");
    await page.getByTestId("comment").first().waitFor();
    fiche = await textOf(page);
    expect(fiche).toContain("Camille Martin");
    expect(fiche).toContain("Premier message de la commune : le dossier est en préparation.");

    // Others act through the API; the page is left alone.
    await submit(id);
    await comment("julien", id, "La DDT a bien reçu le dossier, nous revenons vers vous.");
    await page.getByTestId("comment").filter({ hasText: "La DDT a bien reçu le dossier" }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("comment").last().innerText()).toContain("Julien Bernard");
    // The rest of the fiche follows too.
    await page.getByText("Déposé", { exact: true }).waitFor();
    await showTab("Journal");
    let expectedIds = await journalIds(id);
    await waitForJournal(page, expectedIds.length);
    expect(await shownJournalIds(page)).toEqual(expectedIds);
    const journal = await textOf(page, "ol.journal");
    expect(journal).toContain(`Camille Martin Projet « ${title} » déposé`);
    expect(journal).toContain(`Julien Bernard Nouveau message sur « ${title} »`);
    await showTab("Échanges");

    // The form: disabled while empty, French errors, disabled while sending.
    const send = page.getByRole("button", { name: "Envoyer" });
    const textarea = page.getByLabel("Votre message");
    expect(await send.isDisabled()).toBe(true);
    await textarea.fill("x".repeat(10_001));
    await send.click();
    await page.getByText("Envoi impossible : saisie invalide (message)").waitFor();

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/graphql", async (route) => {
      if (route.request().postData()?.includes("AddComment")) await held;
      await route.continue();
    });
    const message = "Merci, nous complétons le plan de financement.";
    await textarea.fill(message);
    await send.click();
    await page.getByText("Envoi en cours…").waitFor();
    expect(await send.isDisabled()).toBe(true);
    release();
    await page.getByTestId("comment").filter({ hasText: message }).waitFor({ timeout: 10_000 });
    expect(await textarea.inputValue()).toBe("");
    expect(await page.getByRole("alert").count()).toBe(0);
    expectedIds = await journalIds(id);
    // Anything late (a second delivery, a refetch) has had time to arrive.
    await page.waitForTimeout(500);
    expect(await page.getByTestId("comment").filter({ hasText: message }).count()).toBe(1);
    await showTab("Journal");
    await waitForJournal(page, expectedIds.length);
    expect(await shownJournalIds(page)).toEqual(expectedIds);
    expect(await page.getByTestId("journal-entry").last().innerText()).toContain(`Nouveau message sur « ${title} »`);

    // The document's link downloads it with the session's token.
    await showTab("Documents");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "plan.txt" }).click()]);
    expect(download.suggestedFilename()).toBe("plan.txt");
    expect(readFileSync(await download.path(), "utf8")).toBe("Plan du lavoir");

    await screenshot(page, "fiche-camille");
    expect(outside).toEqual([]);
    expect(sockets).toEqual([`${suite.hub.origin.replace("http:", "ws:")}/graphql`]);
    await page.close();
  });

  it("shows the fiche at its address, after sign-in and after a reload, with internal notes for the State", async () => {
    const title = "Création d'une halle";
    const { id } = await createProject(title);
    await submit(id);
    await comment("julien", id, "Éligible à la DETR, à instruire en priorité.", true);

    const page = await suite.browser.newPage();
    await page.goto(`${suite.hub.origin}/#/projets/${id}`);
    await signIn(page, JULIEN);
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByRole("tab", { name: "Échanges" }).click();
    const note = page.getByTestId("comment").filter({ hasText: "Éligible à la DETR" });
    await note.waitFor();
    expect(await note.textContent()).toContain("Note interne"); // its text (a DSFR badge, upper case on screen)

    await page.reload();
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByRole("tab", { name: "Journal" }).click();
    await page.getByTestId("journal-entry").first().waitFor();
    expect(await textOf(page, "ol.journal")).toContain(`Note interne sur « ${title} »`);
    await screenshot(page, "fiche-julien");

    await page.getByRole("link", { name: "Retour à la liste" }).click();
    await page.getByTestId("project-row").first().waitFor();
    expect(new URL(page.url()).hash).toBe("#/");
    await screenshot(page, "list-julien");
    await page.goBack();
    await page.getByRole("heading", { name: title }).waitFor();

    await page.goto(`${suite.hub.origin}/#/projets/00000000-0000-4000-8000-000000000000`);
    await page.getByText("Ce projet n'existe pas, ou vous n'y avez pas accès.").waitFor();

    // Signing out closes the session's WebSocket.
    const [socket] = await Promise.all([page.waitForEvent("websocket"), page.goto(`${suite.hub.origin}/#/projets/${id}`)]);
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    await page.getByRole("heading", { name: title }).waitFor();
    expect(socket.isClosed()).toBe(false);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("button", { name: "Se connecter" }).waitFor();
    await closed;
    await page.close();
  });
});
