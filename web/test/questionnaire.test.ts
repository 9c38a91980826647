import type { Page } from "playwright-core";
import { DEMO_QUESTIONNAIRES } from "@hub/projects";
import { CAMILLE, codes, JULIEN, NADIA } from "@hub/testing";
import { seriousAxeViolations, signIn, textOf, watchOutside } from "./support/browser";
import { browserSuite, readmeScreenshot } from "./support/suite";

const LOUIS = "louis.moreau@anct.demo";

/** The demo questionnaire of "Énergies / Déchets" (rénovation énergétique des bâtiments publics), as development mode writes it. */
const ENERGY = DEMO_QUESTIONNAIRES.find((q) => q.theme === "energies-dechets")!;

interface StoredAnswer {
  questionId: string;
  choices: string[];
  text: string | null;
  comment: string | null;
}

/**
 * The état des lieux questionnaire and the suggestions it makes, in Chromium against the real
 * hub: Camille answers the demo questionnaire of her project's theme (a conditional question
 * appears, disappears and comes back with the answer it depends on), each answer saved as she
 * goes (checked in SQL); a new version published meanwhile is explained and reloaded; Louis (an analyst, who may not edit) reads the answers. Julien (DDT 63) sees the library's suggestions
 * with their explanation, recommends one, discards another and restores it ("Rétablir"); the lists follow each.
 */
describe("état des lieux questionnaire and suggestions in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN, nadia: NADIA },
  });
  const { call, token } = suite;
  /** The project's latest questionnaire response in SQL (its version's number, answers, tags). */
  const storedResponse = async (projectId: string) => {
    const [row] = await suite.hub.sql<{ version: number; answers: StoredAnswer[]; tags: string[] } | undefined>(
      "projects",
      "SELECT v.version, r.answers, r.tags FROM questionnaire_response r JOIN questionnaire_version v ON v.id = r.version_id WHERE r.project_id = $1 ORDER BY v.version DESC LIMIT 1",
      [projectId],
    );
    if (!row) throw new Error("no questionnaire response in SQL");
    return row;
  };
  const answerOf = async (projectId: string, questionId: string) => (await storedResponse(projectId)).answers.find((a) => a.questionId === questionId);
  /** Waits until the stored answers satisfy `check` (the page saves as it goes, a request per change). */
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the answers never reached the database");
  };
  // DSFR radio buttons and checkboxes are drawn on their label (the input itself is hidden under it): a person clicks the label.
  const shot = (page: Page, name: string) => readmeScreenshot(page, `${name}.png`);

  it("saves a collectivité's answers as she goes and lets the DDT recommend or discard what they suggest", async () => {
    // The demo questionnaire (ANCT writes it), two published sheets and a rule on the heating's tags.
    const saved = await call<{ saveQuestionnaire: { currentVersion: number } }>("nadia", `mutation($input: QuestionnaireInput!) { saveQuestionnaire(input: $input) { currentVersion } }`, {
      input: ENERGY,
    });
    expect(saved.saveQuestionnaire.currentVersion).toBe(1);
    const stamp = Date.now();
    const sheet = async (title: string) =>
      (
        await call<{ createResource: { id: string } }>("nadia", `mutation($i: ResourceInput!) { createResource(input: $i) { id } }`, {
          i: { title, summary: "Une aide de la bibliothèque.", body: "Le détail.", kind: "PROGRAMME", themes: ["energies-dechets"], status: "PUBLISHED" },
        })
      ).createResource.id;
    const fundsTitle = `Fonds chaleur : réseaux de chaleur renouvelable ${stamp}`;
    const adviceTitle = `Conseil en énergie partagé pour les petites communes ${stamp}`;
    const funds = await sheet(fundsTitle);
    const advice = await sheet(adviceTitle);
    await call("nadia", `mutation($i: SuggestionRuleInput!) { createSuggestionRule(input: $i) { id } }`, {
      i: { name: "Chauffage fossile d'un bâtiment public", tags: ["chauffage-fioul", "chaudiere-ancienne"], resourceIds: [funds, advice] },
    });
    // Camille's school, submitted to the State.
    const projectTitle = `Rénovation énergétique de l'école Jules-Ferry ${stamp}`;
    const projectId = (
      await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: { title: projectTitle, territoryId: "COMMUNE:63113", themes: ["energies-dechets"] },
      })
    ).createProject.id;
    await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });

    // Camille opens the fiche's "État des lieux": the questionnaire of her theme.
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await signIn(page, CAMILLE);
    await page.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await page.getByRole("heading", { name: projectTitle }).waitFor();
    await page.getByRole("tab", { name: "État des lieux" }).click();
    const form = page.getByTestId("questionnaire");
    await form.getByRole("heading", { name: /Rénovation énergétique des bâtiments publics/ }).waitFor();
    const boiler = form.getByRole("group", { name: "La chaudière a-t-elle plus de 15 ans ?" });
    expect(await boiler.count()).toBe(0);
    const status = form.getByTestId("save-status");

    // A choice is saved when made; the conditional question appears with "Fioul".
    await form.getByRole("group", { name: "De quel bâtiment s'agit-il ?" }).getByText("École ou groupe scolaire", { exact: true }).click();
    await status.getByText(/^Enregistré/).waitFor();
    await form.getByRole("group", { name: "Comment est-il chauffé ?" }).getByText("Fioul", { exact: true }).click();
    await boiler.waitFor();
    await boiler.getByText("Oui", { exact: true }).click();
    await eventually(async () => (await answerOf(projectId, "age-chaudiere"))?.choices[0] === "oui");
    expect((await storedResponse(projectId)).tags).toEqual(["batiment-scolaire", "chaudiere-ancienne", "chauffage-fioul"]);

    // "Électrique" hides it, and the API drops its answer; "Fioul" again shows it, empty.
    await form.getByRole("group", { name: "Comment est-il chauffé ?" }).getByText("Électrique", { exact: true }).click();
    await boiler.waitFor({ state: "detached" });
    await eventually(async () => (await answerOf(projectId, "chauffage"))?.choices[0] === "electrique");
    expect(await answerOf(projectId, "age-chaudiere")).toBeUndefined();
    await form.getByRole("group", { name: "Comment est-il chauffé ?" }).getByText("Fioul", { exact: true }).click();
    await boiler.waitFor();
    expect(await boiler.getByLabel("Oui").isChecked()).toBe(false);
    await boiler.getByText("Oui", { exact: true }).click();
    // Checkboxes, words (saved when the field is left) and a comment.
    await form.getByRole("group", { name: "Quels travaux envisagez-vous ?" }).getByText("Isolation (toiture, murs, planchers)", { exact: true }).click();
    await form.getByRole("group", { name: "Quels travaux envisagez-vous ?" }).getByText("Changement du chauffage", { exact: true }).click();
    await form.getByRole("group", { name: "Un audit énergétique a-t-il été réalisé ?" }).getByText("Oui", { exact: true }).click();
    await form.getByLabel("En quelle année, et par qui ?").fill("2023, par le SIEG du Puy-de-Dôme");
    await form.getByLabel("En quelle année, et par qui ?").blur();
    const heating = page.locator('[data-question="chauffage"]');
    await heating.getByRole("button", { name: "Ajouter un commentaire" }).click();
    await heating.getByLabel("Commentaire (facultatif)").fill("Chaudière au sous-sol, cuve à remplacer");
    await heating.getByLabel("Commentaire (facultatif)").blur();
    await eventually(async () => (await answerOf(projectId, "chauffage"))?.comment === "Chaudière au sous-sol, cuve à remplacer");
    await status.getByText(/^Enregistré/).waitFor();
    const stored = await storedResponse(projectId);
    expect(stored.answers.map(({ questionId, choices, text, comment }) => ({ questionId, choices, text, comment }))).toEqual([
      { questionId: "type-batiment", choices: ["ecole"], text: null, comment: null },
      { questionId: "chauffage", choices: ["fioul"], text: null, comment: "Chaudière au sous-sol, cuve à remplacer" },
      { questionId: "age-chaudiere", choices: ["oui"], text: null, comment: null },
      { questionId: "audit", choices: ["oui"], text: null, comment: null },
      { questionId: "audit-date", choices: [], text: "2023, par le SIEG du Puy-de-Dôme", comment: null },
      { questionId: "travaux-envisages", choices: ["isolation", "chauffage"], text: null, comment: null },
    ]);
    expect(stored.tags).toEqual(["batiment-scolaire", "changement-chauffage", "chaudiere-ancienne", "chauffage-fioul", "isolation"]);
    expect((await call<{ project: { tags: string[] } }>("julien", `query($id: ID!) { project(id: $id) { tags } }`, { id: projectId })).project.tags).toEqual(stored.tags);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "40-questionnaire-collectivite");

    // ANCT publishes a version 2 meanwhile: Camille's next answer is refused, and explained.
    const v2 = { ...ENERGY, sets: [...ENERGY.sets, { title: "Le calendrier", questions: [{ id: "echeance-travaux", label: "Quand les travaux doivent-ils commencer ?", kind: "TEXT" }] }] };
    await call("nadia", `mutation($input: QuestionnaireInput!, $version: Int) { saveQuestionnaire(input: $input, version: $version) { currentVersion } }`, { input: v2, version: 1 });
    await page.locator('[data-question="conseiller"]').getByText("Non", { exact: true }).click();
    await form.getByRole("alert").getByText("Le questionnaire a changé entre-temps").waitFor();
    expect(await answerOf(projectId, "conseiller")).toBeUndefined();
    await form.getByRole("button", { name: "Recharger le questionnaire" }).click();
    // The new version, with the answers that still fit; the saved ones are said to be outdated.
    const reloaded = page.getByTestId("questionnaire");
    await reloaded.getByLabel("Quand les travaux doivent-ils commencer ?").waitFor();
    await reloaded
      .getByTestId("questionnaire-outdated")
      .getByText(/version 1 de ce questionnaire, qui a changé depuis \(version 2\)/)
      .waitFor();
    expect(await reloaded.locator('[data-question="chauffage"]').getByLabel("Fioul").isChecked()).toBe(true);
    await reloaded.getByLabel("Quand les travaux doivent-ils commencer ?").fill("Été 2027");
    await reloaded.getByLabel("Quand les travaux doivent-ils commencer ?").blur();
    await eventually(async () => (await storedResponse(projectId)).version === 2);
    const moved = await storedResponse(projectId);
    expect(moved.answers.find((a) => a.questionId === "echeance-travaux")?.text).toBe("Été 2027");
    expect(moved.answers.find((a) => a.questionId === "age-chaudiere")?.choices).toEqual(["oui"]);
    await reloaded.getByTestId("questionnaire-outdated").waitFor({ state: "detached" });

    // At 320 px nothing is wider than the screen.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "42-questionnaire-320px");

    // Louis (ANCT analyst) sees the project but may not edit it: the answers, read only.
    const reader = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await reader.goto(suite.hub.origin);
    await signIn(reader, LOUIS);
    await reader.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await reader.getByRole("heading", { name: projectTitle }).waitFor();
    await reader.getByRole("tab", { name: "État des lieux" }).click();
    await reader.getByTestId("questionnaire-answers").waitFor();
    expect(await reader.getByTestId("questionnaire").locator("input, textarea").count()).toBe(0);
    const readOnly = await textOf(reader, '[data-testid="questionnaire-answers"]');
    expect(readOnly).toContain("Comment est-il chauffé ? Fioul — Commentaire : Chaudière au sous-sol, cuve à remplacer");
    expect(readOnly).toContain("Quand les travaux doivent-ils commencer ? Été 2027");

    // Julien (DDT 63): the suggestions, each with why.
    const julien = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const julienOutside = watchOutside(julien, suite.hub.origin);
    await julien.goto(suite.hub.origin);
    await signIn(julien, JULIEN);
    await julien.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await julien.getByRole("heading", { name: projectTitle }).waitFor();
    await julien.getByRole("tab", { name: "Recommandations" }).click();
    const suggestions = julien.getByTestId("suggestions");
    const fundsCard = suggestions.getByTestId("suggestion").filter({ hasText: fundsTitle });
    const adviceCard = suggestions.getByTestId("suggestion").filter({ hasText: adviceTitle });
    await fundsCard.waitFor();
    await adviceCard.waitFor();
    const api = await call<{ project: { suggestedResources: { resource: { id: string }; explanation: string }[] } }>(
      "julien",
      `query($id: ID!) { project(id: $id) { suggestedResources { resource { id } explanation } } }`,
      { id: projectId },
    );
    const explanation = api.project.suggestedResources.find((s) => s.resource.id === funds)!.explanation;
    expect(explanation).toContain("chauffage-fioul");
    expect(await fundsCard.getByTestId("suggestion-explanation").innerText()).toBe(`Pourquoi cette suggestion : ${explanation}`);
    expect(await seriousAxeViolations(julien)).toEqual([]);
    await shot(julien, "41-suggestions-ddt");

    // "Recommander" opens the recommend form with the resource; sent, it leaves the suggestions.
    await fundsCard.getByRole("button", { name: "Recommander" }).click();
    await suggestions.getByText(`Ressource : ${fundsTitle}`).waitFor();
    await julien.locator("#recommend-why").fill("Votre chaudière au fioul a plus de 15 ans.");
    await julien.getByRole("button", { name: "Envoyer la recommandation" }).click();
    await julien.getByRole("status").getByText(`Recommandation publiée pour « ${projectTitle} »`).waitFor();
    await fundsCard.waitFor({ state: "detached" });
    await julien.getByTestId("recommendation").filter({ hasText: fundsTitle }).waitFor();
    const recommended = await call<{ project: { recommendations: { edges: { node: { resource: { id: string } | null; why: string } }[] } } }>(
      "julien",
      `query($id: ID!) { project(id: $id) { recommendations(first: 10) { edges { node { resource { id } why } } } } }`,
      { id: projectId },
    );
    expect(recommended.project.recommendations.edges.map((e) => e.node)).toEqual([{ resource: { id: funds }, why: "Votre chaudière au fioul a plus de 15 ans." }]);

    // "Écarter", with a reason: it leaves the suggestions, kept with who and why.
    await adviceCard.getByRole("button", { name: "Écarter" }).click();
    await adviceCard.getByLabel("Motif (facultatif)").fill("La commune a déjà un conseiller du SIEG.");
    await adviceCard.getByRole("button", { name: "Confirmer l'écart" }).click();
    await adviceCard.waitFor({ state: "detached" });
    await suggestions.getByText("Aucune suggestion pour le moment").waitFor();
    const discarded = await call<{ project: { suggestedResources: unknown[]; discardedSuggestions: { reason: string; resource: { id: string }; discardedBy: { name: string } | null }[] } }>(
      "julien",
      `query($id: ID!) { project(id: $id) { suggestedResources { resource { id } } discardedSuggestions { reason resource { id } discardedBy { name } } } }`,
      { id: projectId },
    );
    expect(discarded.project.suggestedResources).toEqual([]);
    expect(discarded.project.discardedSuggestions).toEqual([{ reason: "La commune a déjà un conseiller du SIEG.", resource: { id: advice }, discardedBy: { name: "Julien Bernard" } }]);

    // "Suggestions écartées" lists it (who, why); "Rétablir" suggests it again, the discard kept in the history.
    const discardedList = suggestions.getByTestId("discarded-suggestions");
    await discardedList.getByTestId("discarded-suggestion").filter({ hasText: adviceTitle }).waitFor();
    expect(await discardedList.innerText()).toContain("par Julien Bernard : La commune a déjà un conseiller du SIEG.");
    expect(await seriousAxeViolations(julien)).toEqual([]);
    await shot(julien, "50-suggestions-ecartees");
    await discardedList.getByRole("button", { name: `Rétablir « ${adviceTitle} »` }).click();
    await adviceCard.waitFor();
    await discardedList.waitFor({ state: "detached" });
    await suggestions.getByRole("status").getByText(`Suggestion « ${adviceTitle} » rétablie.`).waitFor();
    const restored = await call<{
      project: { suggestedResources: { resource: { id: string } }[]; discardedSuggestions: unknown[]; history: { reason: string; restoredAt: string | null; restoredBy: { name: string } | null }[] };
    }>(
      "julien",
      `query($id: ID!) { project(id: $id) { suggestedResources { resource { id } } discardedSuggestions { id } history: discardedSuggestions(history: true) { reason restoredAt restoredBy { name } } } }`,
      { id: projectId },
    );
    expect(restored.project.suggestedResources.map((s) => s.resource.id)).toEqual([advice]);
    expect(restored.project.discardedSuggestions).toEqual([]);
    expect(restored.project.history).toMatchObject([{ reason: "La commune a déjà un conseiller du SIEG.", restoredBy: { name: "Julien Bernard" } }]);
    expect(restored.project.history[0].restoredAt).not.toBeNull();
    expect(await seriousAxeViolations(julien)).toEqual([]);
    await julien.setViewportSize({ width: 320, height: 800 });
    expect(await julien.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The collectivité has no suggestions (the API refuses them to her).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("tab", { name: "Recommandations" }).click();
    await page.getByTestId("recommendation").filter({ hasText: fundsTitle }).waitFor();
    expect(await page.getByTestId("suggestions").count()).toBe(0);
    expect(codes(await suite.hub.query(`query($id: ID!) { project(id: $id) { suggestedResources { explanation } } }`, { id: projectId }, token("camille")))).toEqual(["FORBIDDEN"]);
    expect(outside).toEqual([]);
    expect(julienOutside).toEqual([]);
  }, 300_000);
});
