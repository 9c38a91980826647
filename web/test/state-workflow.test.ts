import type { Page } from "playwright-core";
import { CAMILLE, JULIEN } from "@hub/testing";
import { screenshot, signIn, textOf, watchOutside } from "./support/browser";
import { browserSuite } from "./support/suite";

/**
 * The project lifecycle in the built web app, in a real headless Chromium: the State's inbox
 * ("Projets à traiter") updated live when a project is submitted, the lifecycle buttons of the
 * fiche (exactly `viewerCan.transitions`) with their forms, and internal notes.
 */
describe("State workflow in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN },
  });
  const { call } = suite;

  const createProject = async (title: string, programmes: string[] = []) => {
    const input = { title, territoryId: "COMMUNE:63113", themes: ["eau"], programmes, phase: "IDEE" };
    return (await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: input })).createProject.id;
  };
  const submit = (projectId: string) => call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });
  const rightsOf = async (who: string, projectId: string) =>
    (
      await call<{ project: { viewerCan: { transitions: string[]; comment: boolean; internalNotes: boolean } } }>(
        who,
        `query($id: ID!) { project(id: $id) { viewerCan { transitions comment internalNotes } } }`,
        { id: projectId },
      )
    ).project.viewerCan;

  const LABELS: Record<string, string> = {
    SUBMIT: "Déposer le projet",
    SEND_BACK: "Renvoyer pour compléments",
    QUALIFY: "Qualifier",
    ASSIGN: "M'attribuer le projet",
    START: "Lancer",
    COMPLETE: "Marquer comme terminé",
    DECLINE: "Décliner",
    ABANDON: "Abandonner",
  };

  /** The lifecycle buttons shown under the fiche's title. */
  const stepButtons = (page: Page) => page.getByRole("group", { name: "Étapes du projet" }).getByRole("button").allInnerTexts();
  // Its text, not as shown (a DSFR badge is upper case on screen).
  const shownStatus = async (page: Page) => (await page.locator(".fiche-title .status").textContent())?.trim();

  it("shows a submitted project live in Julien's inbox; he qualifies it, writes an internal note and takes it", async () => {
    const programme = "Programme du test de la boîte";
    const page = await suite.browser.newPage();
    const outside = watchOutside(page, suite.hub.origin);
    // The inbox's subscription (no project, no territory), as the page sends it.
    const subscribed = new Promise<void>((resolve) =>
      page.on("websocket", (socket) => socket.on("framesent", (frame) => typeof frame.payload === "string" && frame.payload.includes("InboxActivity") && resolve())),
    );
    await page.goto(suite.hub.origin);
    await signIn(page, JULIEN);
    await page.getByRole("link", { name: "Projets à traiter" }).click();
    expect(new URL(page.url()).hash).toBe("#/a-traiter");
    await page.getByRole("heading", { name: /Projets à traiter/ }).waitFor();
    await page.getByTestId("inbox-row").or(page.getByText("Aucun projet à traiter.")).first().waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);

    // Filters: a programme no project has yet, then a date before every submission.
    await page.getByLabel("Programme").fill(programme);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.getByText("Aucun projet à traiter.").waitFor();
    await subscribed;
    // The server has received the subscription; give it a moment to reach the projects subgraph.
    await page.waitForTimeout(1000);

    const title = "Restauration du lavoir des Salins";
    const id = await createProject(title, [programme]);
    await submit(id);
    const row = page.getByTestId("inbox-row").filter({ hasText: title });
    await row.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("inbox-row").count()).toBe(1);
    await screenshot(page, "inbox-julien");
    const rowText = (await row.innerText()).replace(/\s+/g, " ");
    expect(rowText).toContain("Clermont-Ferrand");
    expect(rowText).toContain("Déposé");
    expect(rowText).toContain("À qualifier");
    const { submittedAt } = (await call<{ project: { submittedAt: string } }>("julien", `query($id: ID!) { project(id: $id) { submittedAt } }`, { id })).project;
    expect(rowText).toContain(new Date(submittedAt).toLocaleDateString("fr-FR"));

    await page.getByLabel("Commune (code INSEE)").fill("63014");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.getByText("Aucun projet à traiter.").waitFor();
    await page.getByLabel("Commune (code INSEE)").fill("63113");
    await page.getByLabel("Thème", { exact: true }).selectOption({ label: "Eau et milieux aquatiques" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await row.waitFor();
    await page.getByLabel("Déposés avant le").fill("2000-01-01");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.getByText("Aucun projet à traiter.").waitFor();
    await page.getByRole("button", { name: "Effacer les filtres" }).click();
    await page.getByLabel("Programme").fill(programme);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await row.waitFor();

    // The fiche: exactly the steps viewerCan gives.
    await row.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/projets/${id}`);
    await page.getByRole("group", { name: "Étapes du projet" }).waitFor();
    const rights = await rightsOf("julien", id);
    expect(await stepButtons(page)).toEqual(["Renvoyer pour compléments", "Qualifier", "Décliner"]);
    expect(await stepButtons(page)).toEqual(rights.transitions.map((transition) => LABELS[transition]));

    await page.getByRole("button", { name: "Qualifier" }).click();
    const confirm = page.getByRole("button", { name: "Confirmer" });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel("Priorité").selectOption({ label: "Haute" });
    await screenshot(page, "fiche-julien-qualify");
    await confirm.click();
    await page.locator(".fiche-title .status", { hasText: "Qualifié" }).waitFor({ timeout: 10_000 });
    expect(await shownStatus(page)).toBe("Qualifié");
    await page.waitForFunction(() => !document.querySelector(".transition-form"));
    expect(await stepButtons(page)).toEqual((await rightsOf("julien", id)).transitions.map((transition) => LABELS[transition]));
    expect(await stepButtons(page)).toEqual(["M'attribuer le projet", "Décliner"]);
    expect(await textOf(page)).toContain("Priorité Haute");
    await page.getByRole("tab", { name: "Journal" }).click();
    await page
      .getByTestId("journal-entry")
      .filter({ hasText: `Projet « ${title} » qualifié` })
      .waitFor({ timeout: 10_000 });

    // An internal note.
    const note = "Dossier solide, à proposer en comité DETR.";
    await page.getByRole("tab", { name: "Échanges" }).click();
    await page.getByLabel("Votre message").fill(note);
    await page.getByLabel("Note interne (visible des seuls agents de l'État)").check({ force: true }); // a DSFR checkbox: its label takes the click
    await page.getByRole("button", { name: "Envoyer" }).click();
    const shownNote = page.getByTestId("comment").filter({ hasText: note });
    await shownNote.waitFor({ timeout: 10_000 });
    expect(await shownNote.textContent()).toContain("Note interne"); // its text (a DSFR badge, upper case on screen)
    expect(await page.getByLabel("Note interne (visible des seuls agents de l'État)").isChecked()).toBe(false);
    await screenshot(page, "fiche-julien-qualified");
    const camilleView = await call<{ project: { comments: { edges: { node: { body: string; internal: boolean } }[] } } }>(
      "camille",
      `query($id: ID!) { project(id: $id) { comments(first: 50) { edges { node { body internal } } } } }`,
      { id },
    );
    expect(camilleView.project.comments.edges.map((edge) => edge.node.body)).not.toContain(note);
    const julienView = await call<{ project: { comments: { edges: { node: { body: string; internal: boolean } }[] } } }>(
      "julien",
      `query($id: ID!) { project(id: $id) { comments(first: 50) { edges { node { body internal } } } } }`,
      { id },
    );
    expect(julienView.project.comments.edges.map((edge) => edge.node)).toContainEqual({ body: note, internal: true });

    // The inbox shows the priority; once Julien takes the project, it leaves the inbox.
    await page.goto(`${suite.hub.origin}/#/a-traiter`);
    await page.getByLabel("Programme").fill(programme);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await row.filter({ hasText: "Haute" }).waitFor();
    expect((await row.innerText()).replace(/\s+/g, " ")).toContain("Qualifié");
    await row.getByRole("link", { name: title }).click();
    await page.getByRole("button", { name: "M'attribuer le projet" }).click();
    await page.locator(".fiche-title .status", { hasText: "Attribué" }).waitFor({ timeout: 10_000 });
    expect(await stepButtons(page)).toEqual((await rightsOf("julien", id)).transitions.map((transition) => LABELS[transition]));
    const assigned = await call<{ me: { id: string }; project: { assignees: { theme: string | null; person: { id: string } | null }[] } }>(
      "julien",
      `query($id: ID!) { me { id } project(id: $id) { assignees { theme person { id } } } }`,
      { id },
    );
    expect(assigned.project.assignees).toEqual([{ theme: "eau", person: { id: assigned.me.id } }]);
    await page.getByRole("link", { name: "Retour aux projets à traiter" }).click();
    await page.getByRole("heading", { name: /Projets à traiter/ }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/a-traiter");
    await page.getByLabel("Programme").fill(programme);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.getByText("Aucun projet à traiter.").waitFor();

    expect(outside).toEqual([]);
    await page.close();
  });

  it("lets Camille submit or abandon her draft, a motif required to abandon; she has no inbox", async () => {
    const title = "Aménagement du square Lecoq";
    const id = await createProject(title);
    const page = await suite.browser.newPage();
    const outside = watchOutside(page, suite.hub.origin);
    const accessAnswered = page.waitForResponse((response) => response.request().postData()?.includes("query Viewer") ?? false);
    await page.goto(suite.hub.origin);
    await signIn(page, CAMILLE);
    await page.getByTestId("project-row").first().waitFor();
    await accessAnswered;
    expect(await page.getByRole("link", { name: "Projets à traiter" }).count()).toBe(0);

    await page.goto(`${suite.hub.origin}/#/projets/${id}`);
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByRole("group", { name: "Étapes du projet" }).waitFor();
    expect(await stepButtons(page)).toEqual(["Déposer le projet", "Abandonner"]);
    expect((await rightsOf("camille", id)).transitions).toEqual(["SUBMIT", "ABANDON"]);
    // No internal notes for a collectivité.
    await page.getByRole("tab", { name: "Échanges" }).click();
    await page.getByLabel("Votre message").waitFor();
    expect(await page.getByText("Note interne (visible des seuls agents de l'État)").count()).toBe(0);

    await page.getByRole("button", { name: "Abandonner" }).click();
    const confirm = page.getByRole("button", { name: "Confirmer" });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel("Motif").fill("   ");
    expect(await confirm.isDisabled()).toBe(true);

    // A refusal from the API is told in French.
    await page.route("**/graphql", async (route) => {
      if (route.request().postData()?.includes("ChangeProjectStatus"))
        await route.fulfill({ json: { data: null, errors: [{ message: "A DRAFT project cannot go through ABANDON", extensions: { code: "CONFLICT" } }] } });
      else await route.continue();
    });
    const motif = "Le projet est repris par la métropole.";
    await page.getByLabel("Motif").fill(motif);
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await page.getByText("Action impossible : modifié entre-temps par quelqu'un d'autre : rechargez la page").waitFor();
    await page.unroute("**/graphql");
    expect(await shownStatus(page)).toBe("Brouillon");

    await confirm.click();
    await page.locator(".fiche-title .status", { hasText: "Abandonné" }).waitFor({ timeout: 10_000 });
    await page.getByText(`Motif du dernier changement de statut : ${motif}`).waitFor();
    expect(await page.getByRole("group", { name: "Étapes du projet" }).count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    const rights = await rightsOf("camille", id);
    expect(rights.transitions).toEqual([]);
    expect(await page.getByLabel("Votre message").count()).toBe(rights.comment ? 1 : 0);
    await screenshot(page, "fiche-camille-abandoned");
    expect(outside).toEqual([]);
    await page.close();
  });
});
