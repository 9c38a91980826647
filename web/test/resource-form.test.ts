import type { Page } from "playwright-core";
import { CAMILLE, JULIEN } from "@hub/testing";
import { openSignedIn, seriousAxeViolations, textOf } from "./support/browser";
import { browserSuite, readmeScreenshot } from "./support/suite";

type Sheet = { resource: { provider: { id: string } | null; contacts: { id: string }[]; version: number } };

/**
 * The contact book in the library's forms, in Chromium against the real hub: Julien (DDT 63)
 * edits a sheet and picks its provider organisation and its contacts by searching the contact
 * book as he types (organisations only for the provider), removes one, changes the provider; then
 * recommends the sheet to a project with a contact picked the same way. Each step is checked
 * through the API.
 */
describe("contact pickers of the resource form and the recommend form in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN },
  });
  const { call } = suite;
  const shot = (page: Page, name: string) => readmeScreenshot(page, `${name}.png`);

  it("picks a sheet's provider and contacts, and a recommendation's contact, from the contact book", async () => {
    const stamp = Date.now();
    const contact = async (input: Record<string, unknown>) =>
      (await call<{ createContact: { id: string } }>("julien", `mutation($i: ContactInput!) { createContact(input: $i) { id } }`, { i: { territoryId: "DEPARTEMENT:63", ...input } })).createContact.id;
    const agency = await contact({ kind: "ORGANIZATION", name: `Agence locale de l'énergie ${stamp}` });
    const caue = await contact({ kind: "ORGANIZATION", name: `CAUE du Puy-de-Dôme ${stamp}` });
    const lucie = await contact({ kind: "PERSON", name: `Lucie Roche ${stamp}`, role: "Conseillère en énergie partagée", organizationId: agency });
    const marc = await contact({ kind: "PERSON", name: `Marc Lefèvre ${stamp}`, role: "Architecte conseil", organizationId: caue });
    const sheetTitle = `Isoler une école par l'extérieur ${stamp}`;
    const resourceId = (
      await call<{ createResource: { id: string } }>("julien", `mutation($i: ResourceInput!) { createResource(input: $i) { id } }`, {
        i: {
          title: sheetTitle,
          summary: "Les étapes d'une isolation par l'extérieur.",
          body: "Le détail.",
          kind: "GUIDE",
          themes: ["energies-dechets"],
          territoryIds: ["DEPARTEMENT:63"],
          status: "PUBLISHED",
        },
      })
    ).createResource.id;
    const projectTitle = `Isolation du groupe scolaire ${stamp}`;
    const projectId = (
      await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: { title: projectTitle, territoryId: "COMMUNE:63113", themes: ["energies-dechets"] },
      })
    ).createProject.id;
    await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });
    const sheetOf = () => call<Sheet>("julien", `query($id: ID!) { resource(id: $id) { version provider { id } contacts { id } } }`, { id: resourceId });

    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    const openSheet = async () => {
      await page.goto(`${suite.hub.origin}/#/ressources/${encodeURIComponent(resourceId)}`);
      await page.getByRole("heading", { name: sheetTitle, level: 1 }).waitFor();
    };
    await openSheet();
    await page.getByRole("button", { name: "Modifier la fiche" }).click();
    await page.getByRole("heading", { name: "Modifier la fiche" }).waitFor();

    // The provider: organisations only (a person of the same words is not offered).
    const providerBox = page.getByTestId("resource-provider");
    await providerBox.getByLabel("Chercher l'organisation").fill(`${stamp}`);
    const providerList = providerBox.getByRole("list", { name: `Contacts pour « ${stamp} »` });
    await providerList.getByRole("button", { name: new RegExp(`^Agence locale de l'énergie ${stamp}`) }).waitFor();
    expect(await providerList.getByRole("button").allInnerTexts()).toEqual(
      expect.arrayContaining([`Agence locale de l'énergie ${stamp} (organisation)`, `CAUE du Puy-de-Dôme ${stamp} (organisation)`]),
    );
    expect(await providerList.getByRole("button", { name: /Lucie Roche|Marc Lefèvre/ }).count()).toBe(0);
    await providerList.getByRole("button", { name: new RegExp(`^Agence locale de l'énergie ${stamp}`) }).click();
    await providerBox.getByText(`Fournisseur : Agence locale de l'énergie ${stamp}`).waitFor();

    // The contacts: persons and organisations, by name as you type; one added twice counts once.
    const contactsBox = page.getByTestId("resource-contacts");
    const pickContact = async (words: string, name: RegExp) => {
      await contactsBox.getByLabel("Ajouter un contact").fill(words);
      await contactsBox
        .getByRole("list", { name: `Contacts pour « ${words} »` })
        .getByRole("button", { name })
        .click();
    };
    await pickContact(`Lucie Roche ${stamp}`, new RegExp(`^Lucie Roche ${stamp} \\(Conseillère en énergie partagée, Agence locale de l'énergie ${stamp}\\)`));
    await contactsBox.getByRole("button", { name: `Retirer Lucie Roche ${stamp}` }).waitFor();
    expect(await contactsBox.getByLabel("Ajouter un contact").inputValue()).toBe("");
    await pickContact(`Marc Lefèvre ${stamp}`, new RegExp(`^Marc Lefèvre ${stamp}`));
    await pickContact(`CAUE du Puy ${stamp}`, new RegExp(`^CAUE du Puy-de-Dôme ${stamp}`));
    await pickContact(`Lucie Roche ${stamp}`, new RegExp(`^Lucie Roche ${stamp}`));
    expect(await contactsBox.getByRole("button", { name: /^Retirer / }).count()).toBe(3);
    await contactsBox.getByRole("button", { name: `Retirer Marc Lefèvre ${stamp}` }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "53-fiche-ressource-contacts");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.getByRole("button", { name: "Modifier la fiche" }).waitFor();
    const saved = await sheetOf();
    expect(saved.resource.provider).toEqual({ id: agency });
    expect(saved.resource.contacts.map((c) => c.id)).toEqual([lucie, caue]);
    await page.getByText(`Lucie Roche ${stamp}`).first().waitFor();
    const sheetText = await textOf(page);
    expect(sheetText).toContain(`Agence locale de l'énergie ${stamp}`);
    expect(sheetText).toContain(`Lucie Roche ${stamp}`);
    expect(sheetText).not.toContain(`Marc Lefèvre ${stamp}`);

    // Edited again: the form shows them; another provider, and a contact removed.
    await page.getByRole("button", { name: "Modifier la fiche" }).click();
    await providerBox.getByText(`Fournisseur : Agence locale de l'énergie ${stamp}`).waitFor();
    expect(await contactsBox.getByRole("button", { name: /^Retirer / }).count()).toBe(2);
    await providerBox.getByRole("button", { name: "Retirer le fournisseur" }).click();
    await providerBox.getByLabel("Chercher l'organisation").fill(`CAUE ${stamp}`);
    await providerBox.getByRole("button", { name: new RegExp(`^CAUE du Puy-de-Dôme ${stamp}`) }).click();
    await contactsBox.getByRole("button", { name: `Retirer CAUE du Puy-de-Dôme ${stamp}` }).click();
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.getByRole("button", { name: "Modifier la fiche" }).waitFor();
    const edited = await sheetOf();
    expect(edited.resource).toMatchObject({ provider: { id: caue }, contacts: [{ id: lucie }], version: saved.resource.version + 1 });

    // "Recommander à un projet": a contact of the book, and words beside it.
    await page.getByRole("button", { name: "Recommander à un projet" }).click();
    await page.locator("#pick-project").fill("groupe scolaire");
    await page.getByRole("button", { name: new RegExp(`^Isolation du groupe scolaire ${stamp}`) }).click();
    await page.getByText(`Projet : ${projectTitle}`).waitFor();
    const book = page.getByTestId("recommend-contact-book");
    await book.getByLabel("Chercher un contact").fill(`Marc ${stamp}`);
    await book.getByRole("button", { name: new RegExp(`^Marc Lefèvre ${stamp} \\(Architecte conseil, CAUE du Puy-de-Dôme ${stamp}\\)`) }).click();
    await book.getByText(`Contact : Marc Lefèvre ${stamp}`).waitFor();
    await page.locator("#recommend-contact").fill("Permanence le mardi matin");
    await page.locator("#recommend-why").fill("Vos murs sont peu isolés.");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, "54-recommander-contact");
    await page.getByRole("button", { name: "Envoyer la recommandation" }).click();
    await page.getByRole("status").getByText(`Recommandation publiée pour « ${projectTitle} »`).waitFor();
    const made = await call<{ project: { recommendations: { edges: { node: { resource: { id: string } | null; contact: { id: string } | null; contactText: string | null } }[] } } }>(
      "julien",
      `query($id: ID!) { project(id: $id) { recommendations(first: 5) { edges { node { resource { id } contact { id } contactText } } } } }`,
      { id: projectId },
    );
    expect(made.project.recommendations.edges.map((e) => e.node)).toEqual([{ resource: { id: resourceId }, contact: { id: marc }, contactText: "Permanence le mardi matin" }]);

    // 320 px: the form fits.
    await openSheet();
    await page.getByRole("button", { name: "Modifier la fiche" }).click();
    await page.setViewportSize({ width: 320, height: 800 });
    await providerBox.getByText(`Fournisseur : CAUE du Puy-de-Dôme ${stamp}`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shot(page, "55-fiche-ressource-contacts-320px");
    expect(outside).toEqual([]);
  }, 300_000);
});
