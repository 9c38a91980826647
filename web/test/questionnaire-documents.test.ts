import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DEMO_QUESTIONNAIRES } from "@hub/projects";
import { CAMILLE, NADIA } from "@hub/testing";
import { openSignedIn, seriousAxeViolations, textOf } from "./support/browser";
import { browserSuite, readmeScreenshot } from "./support/suite";

const LOUIS = "louis.moreau@anct.demo";

const ENERGY = DEMO_QUESTIONNAIRES.find((q) => q.theme === "energies-dechets")!;
const HEATING = "Comment est-il chauffé ?";

interface StoredAnswer {
  questionId: string;
  choices: string[];
  comment: string | null;
  documentId: string | null;
}

/**
 * An upload or a comment per answer of the état des lieux, in Chromium against the real hub:
 * Camille answers a question, comments it and attaches a document to it (sent as the fiche's
 * documents are, then named by the answer: checked in SQL and in the fiche's documents); it
 * survives a reload and downloads with her session; a refused file is explained and nothing is
 * attached; "Retirer" detaches it (the document stays in the fiche). Louis (an analyst) reads the
 * answer with its comment and document.
 */
describe("documents and comments on questionnaire answers in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, nadia: NADIA },
  });
  const { call } = suite;
  const answerOf = async (projectId: string, questionId: string) => {
    const [row] = await suite.hub.sql<{ answers: StoredAnswer[] } | undefined>("projects", "SELECT answers FROM questionnaire_response WHERE project_id = $1", [projectId]);
    return row?.answers.find((a) => a.questionId === questionId);
  };
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 150; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the answer never reached the database");
  };
  const shot = (page: Page, name: string) => readmeScreenshot(page, `${name}.png`);

  it("attaches a document and a comment to an answer, detaches it, and shows both to readers", async () => {
    await call("nadia", `mutation($input: QuestionnaireInput!) { saveQuestionnaire(input: $input) { currentVersion } }`, { input: ENERGY });
    const projectTitle = `Chaufferie de la mairie ${Date.now()}`;
    const projectId = (
      await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: { title: projectTitle, territoryId: "COMMUNE:63113", themes: ["energies-dechets"] },
      })
    ).createProject.id;
    await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });

    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, CAMILLE, { allowBlobs: true });
    const openQuestionnaire = async () => {
      await page.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
      await page.getByRole("heading", { name: projectTitle }).waitFor();
      await page.getByRole("tab", { name: "État des lieux" }).click();
      await page
        .getByTestId("questionnaire")
        .getByRole("heading", { name: /Rénovation énergétique des bâtiments publics/ })
        .waitFor();
    };
    await openQuestionnaire();
    const form = page.getByTestId("questionnaire");
    const heating = form.locator('[data-question="chauffage"]');

    // A choice, then a comment on it (saved when the field is left).
    await heating.getByRole("group", { name: HEATING }).getByText("Fioul", { exact: true }).click();
    await eventually(async () => (await answerOf(projectId, "chauffage"))?.choices[0] === "fioul");
    await heating.getByRole("button", { name: "Ajouter un commentaire" }).click();
    await heating.getByLabel("Commentaire (facultatif)").fill("Cuve de 3 000 litres");
    await heating.getByLabel("Commentaire (facultatif)").blur();
    await eventually(async () => (await answerOf(projectId, "chauffage"))?.comment === "Cuve de 3 000 litres");

    // A file of a refused type: explained, nothing attached.
    await heating.getByRole("button", { name: "Joindre un document" }).click();
    const fileInput = heating.getByLabel("Document à joindre");
    await fileInput.setInputFiles({ name: "outil.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ not a document") });
    await heating.getByRole("alert").getByText("Envoi impossible : fichier ou nom de fichier invalide.").waitFor();
    expect((await answerOf(projectId, "chauffage"))?.documentId ?? null).toBeNull();

    // A text file: sent with the fiche's documents, then attached to the answer.
    await fileInput.setInputFiles({ name: "releve-fioul.txt", mimeType: "text/plain", buffer: Buffer.from("Relevé de consommation 2025 : 9 800 litres") });
    await heating.getByTestId("answer-document").getByRole("link", { name: "releve-fioul.txt" }).waitFor();
    await eventually(async () => ((await answerOf(projectId, "chauffage"))?.documentId ?? null) !== null);
    const stored = (await answerOf(projectId, "chauffage"))!;
    expect(stored).toMatchObject({ choices: ["fioul"], comment: "Cuve de 3 000 litres" });
    const fiche = await call<{ project: { documents: { id: string; name: string }[]; questionnaireAnswers: { answers: { questionId: string; document: { id: string; name: string } | null }[] }[] } }>(
      "camille",
      `query($id: ID!) { project(id: $id) { documents { id name } questionnaireAnswers { answers { questionId document { id name } } } } }`,
      { id: projectId },
    );
    expect(fiche.project.documents).toEqual([{ id: stored.documentId, name: "releve-fioul.txt" }]);
    expect(fiche.project.questionnaireAnswers[0].answers.find((a) => a.questionId === "chauffage")!.document).toEqual({ id: stored.documentId, name: "releve-fioul.txt" });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "51-questionnaire-document");

    // After a reload it is still there, and downloads with the session.
    await page.reload();
    await openQuestionnaire();
    const link = heating.getByTestId("answer-document").getByRole("link", { name: "releve-fioul.txt" });
    await link.waitFor();
    expect(await heating.getByLabel("Commentaire (facultatif)").inputValue()).toBe("Cuve de 3 000 litres");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("releve-fioul.txt");
    expect(readFileSync(await download.path(), "utf8")).toBe("Relevé de consommation 2025 : 9 800 litres");

    // "Retirer": no longer on the answer, still among the fiche's documents.
    await heating.getByRole("button", { name: "Retirer le document « releve-fioul.txt »" }).click();
    await heating.getByRole("button", { name: "Joindre un document" }).waitFor();
    await eventually(async () => ((await answerOf(projectId, "chauffage"))?.documentId ?? null) === null);
    expect((await answerOf(projectId, "chauffage"))?.comment).toBe("Cuve de 3 000 litres");
    const after = await call<{ project: { documents: { id: string }[] } }>("camille", `query($id: ID!) { project(id: $id) { documents { id } } }`, { id: projectId });
    expect(after.project.documents.map((d) => d.id)).toEqual([stored.documentId]);

    // Attached again, then read by Louis (an analyst): the answer, its comment and its document.
    await heating.getByRole("button", { name: "Joindre un document" }).click();
    await heating
      .getByLabel("Document à joindre")
      .setInputFiles({ name: "photo-chaudiere.png", mimeType: "image/png", buffer: readFileSync(join(__dirname, "..", "screenshots", "01-connexion.png")) });
    await heating.getByTestId("answer-document").getByRole("link", { name: "photo-chaudiere.png" }).waitFor();
    await eventually(async () => ((await answerOf(projectId, "chauffage"))?.documentId ?? null) !== null);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    const reader = await openSignedIn(suite.browser, suite.hub.origin, LOUIS);
    await reader.page.goto(`${suite.hub.origin}/#/projets/${encodeURIComponent(projectId)}`);
    await reader.page.getByRole("heading", { name: projectTitle }).waitFor();
    await reader.page.getByRole("tab", { name: "État des lieux" }).click();
    await reader.page.getByTestId("questionnaire-answers").waitFor();
    expect(await textOf(reader.page, '[data-testid="questionnaire-answers"]')).toContain(`${HEATING} Fioul — Commentaire : Cuve de 3 000 litres — Document : photo-chaudiere.png`);
    expect(await reader.page.getByRole("button", { name: /Joindre un document|Retirer/ }).count()).toBe(0);
    expect(await seriousAxeViolations(reader.page)).toEqual([]);
    await shot(reader.page, "52-questionnaire-document-lecture");
    expect(outside).toEqual([]);
    expect(reader.outside).toEqual([]);
  }, 300_000);
});
