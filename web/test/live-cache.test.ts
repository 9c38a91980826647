import type { Page } from "playwright-core";
import { CAMILLE, JULIEN } from "@hub/testing";
import { openSignedIn, subscriptionSent, textOf } from "./support/browser";
import { browserSuite } from "./support/suite";

/** The names of the GraphQL queries a page sends over HTTP (urql POSTs each with its operationName), as it runs. */
function queriesSent(page: Page): string[] {
  const names: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "POST" || !request.url().endsWith("/graphql")) return;
    const body = JSON.parse(request.postData() ?? "{}") as { operationName?: string; query?: string };
    if (body.query?.trimStart().startsWith("query")) names.push(body.operationName ?? "");
  });
  return names;
}

/**
 * urql's normalised cache, written by the subscriptions' events: in two browser contexts, what
 * one person changes shows in the other's open page, without a reload and without the page
 * reading its fiche or its inbox again.
 */
describe("live cache in Chromium", () => {
  const suite = browserSuite();

  it("shows Camille's changes in Julien's inbox and Julien's in Camille's fiche, from the events alone", async () => {
    const title = "Réfection du toit de l'école des Vergnes";
    const created = await suite.hub.query<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"], phase: "IDEE" } },
      await suite.hub.token(CAMILLE),
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProject.id;

    const { page: julien, outside: julienOutside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    const julienQueries = queriesSent(julien);
    const julienSubscribed = subscriptionSent(julien, "InboxActivity");
    await julien.getByRole("link", { name: "Projets à traiter" }).click();
    await julien.getByTestId("inbox-row").or(julien.getByText("Aucun projet à traiter.")).first().waitFor();
    await julienSubscribed;

    const { page: camille, outside: camilleOutside } = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE);
    const camilleQueries = queriesSent(camille);
    const camilleSubscribed = subscriptionSent(camille, "ProjectActivity");
    await camille.goto(`${suite.hub.origin}/#/projets/${id}`);
    await camille.getByRole("heading", { name: title }).waitFor();
    await camilleSubscribed;
    // The servers have the subscriptions: give them a moment to reach the projects subgraph.
    await camille.waitForTimeout(1000);

    // Camille submits: the project enters Julien's inbox (the inbox alone is read again).
    await camille.getByRole("button", { name: "Déposer le projet" }).click();
    const row = julien.getByTestId("inbox-row").filter({ hasText: title });
    await row.waitFor({ timeout: 10_000 });
    expect((await row.innerText()).replace(/\s+/g, " ")).toContain("À qualifier");
    // Camille's fiche has the submission's answer (its new version) before she edits: no version conflict.
    await camille.getByRole("button", { name: "Déposer le projet" }).waitFor({ state: "detached", timeout: 10_000 });

    // Camille renames it from her fiche: Julien's row follows, written by the event into the cache.
    const inboxReads = julienQueries.filter((name) => name === "Inbox").length;
    const renamed = `${title} (toiture et isolation)`;
    await camille.getByRole("button", { name: "Modifier la présentation" }).click();
    await camille.getByLabel("Titre du projet").fill(renamed);
    await camille.getByRole("button", { name: "Enregistrer" }).click();
    await camille.getByRole("heading", { name: renamed }).waitFor({ timeout: 10_000 });
    await julien.getByTestId("inbox-row").filter({ hasText: renamed }).waitFor({ timeout: 10_000 });
    expect(julienQueries.filter((name) => name === "Inbox").length).toBe(inboxReads);

    // Julien qualifies it "Haute" from the fiche: Camille's open fiche shows the status and the
    // priority, her page not reading the fiche again.
    const ficheReads = camilleQueries.filter((name) => name === "ProjectFiche").length;
    await julien.getByTestId("inbox-row").filter({ hasText: renamed }).getByRole("link").click();
    await julien.getByRole("heading", { name: renamed }).waitFor();
    await julien.getByRole("button", { name: "Qualifier" }).click();
    await julien.getByLabel("Priorité").selectOption({ label: "Haute" });
    await julien.getByRole("button", { name: "Confirmer" }).click();
    await camille.locator(".fiche-title .status", { hasText: "Qualifié" }).waitFor({ timeout: 10_000 });
    await camille.waitForFunction(() => /Priorité\s*Haute/.test(document.querySelector("main")?.textContent ?? ""));
    expect(await textOf(camille)).toContain("Priorité Haute");
    expect(camilleQueries.filter((name) => name === "ProjectFiche").length).toBe(ficheReads);
    const api = await suite.hub.query<{ project: { status: string; priority: string; title: string } }>(
      `query($id: ID!) { project(id: $id) { status priority title } }`,
      { id },
      await suite.hub.token(CAMILLE),
    );
    expect(api.data?.project).toEqual({ status: "QUALIFIED", priority: "HIGH", title: renamed });

    expect(julienOutside).toEqual([]);
    expect(camilleOutside).toEqual([]);
  });
});
