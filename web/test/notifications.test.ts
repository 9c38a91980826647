import { CAMILLE, JULIEN } from "@hub/testing";
import { openSignedIn, screenshot, seriousAxeViolations, subscriptionSent, textOf } from "./support/browser";
import { browserSuite } from "./support/suite";

/** Until `condition` holds (the hub acts asynchronously: a mark sent by the page, an event delivered). */
async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Unread counts in the built web app (the inbox, its rows, the fiche, which marks them read when
 * opened and while it shows new activity) and "Mes préférences de notification", in Chromium
 * against the real hub; the counts are compared with the API's.
 */
describe("unread counts and notification preferences in Chromium", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, julien: JULIEN },
  });
  const { call } = suite;
  const unreadOf = async (projectId: string) =>
    (await call<{ project: { unreadCount: number } }>("julien", `query($id: ID!) { project(id: $id) { unreadCount } }`, { id: projectId })).project.unreadCount;
  const inboxUnread = async () => (await call<{ inboxUnreadCount: number }>("julien", `{ inboxUnreadCount }`)).inboxUnreadCount;

  it("shows what the agent has not read, marks a fiche read when opened and while it is open", async () => {
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    const subscribed = subscriptionSent(page, "InboxActivity");
    await page.getByRole("link", { name: "Projets à traiter" }).first().click();
    await subscribed;

    // Camille creates and submits a project: two activities Julien has not read.
    const title = `Voie verte des berges ${Date.now()}`;
    const projectId = (
      await call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: { title, territoryId: "COMMUNE:63113", themes: ["mobilite-transports"] },
      })
    ).createProject.id;
    await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId });
    expect(await unreadOf(projectId)).toBe(2);
    const row = page.getByTestId("inbox-row").filter({ hasText: title });
    await row.getByTestId("unread-badge").getByText("2 nouveautés").waitFor({ timeout: 10_000 });
    // The inbox's count is the API's.
    const total = await inboxUnread();
    expect(total).toBeGreaterThanOrEqual(1);
    await page.getByTestId("inbox-unread").getByText(`${total} projet`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "inbox-unread");

    // Opening the fiche says what was new, and marks it read.
    await row.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByTestId("fiche-unread").getByText("2 nouveautés").waitFor();
    await waitUntil(async () => (await unreadOf(projectId)) === 0);
    expect(await inboxUnread()).toBe(total - 1);

    // A message arrives while the fiche is open: shown live, and read.
    await call("camille", `mutation($id: ID!) { addComment(projectId: $id, body: "Le tracé est validé.") { id } }`, { id: projectId });
    await page.getByRole("tab", { name: "Journal", exact: true }).click();
    await page.getByTestId("journal-entry").filter({ hasText: "Nouveau message" }).first().waitFor({ timeout: 10_000 });
    await waitUntil(async () => (await unreadOf(projectId)) === 0);

    // Back in the inbox, the row has nothing unread.
    await page.getByRole("link", { name: "Retour aux projets à traiter" }).click();
    await row.waitFor();
    await page
      .getByTestId("inbox-unread")
      .getByText(total - 1 === 0 ? "toute l’activité" : `${total - 1} projet`)
      .waitFor();
    expect(await row.getByTestId("unread-badge").count()).toBe(0);
    expect(outside).toEqual([]);
  });

  it("lets each person choose immediate e-mails or a daily digest", async () => {
    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, JULIEN);
    await page.getByRole("link", { name: "Mes préférences de notification" }).first().click();
    await page.getByRole("heading", { name: "Mes préférences de notification" }).waitFor();
    // As the API has it: immediate by default.
    expect((await call<{ me: { notificationFrequency: string } }>("julien", `{ me { notificationFrequency } }`)).me.notificationFrequency).toBe("IMMEDIATE");
    await page
      .getByRole("radio", { name: /Immédiatement/ })
      .and(page.locator(":checked"))
      .waitFor({ state: "attached" });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("radio", { name: /Un résumé par jour/ }).check({ force: true }); // DSFR: the label takes the click
    await page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
    await page.getByRole("status").getByText("Préférences enregistrées : un résumé par jour.").waitFor();
    expect((await call<{ me: { notificationFrequency: string } }>("julien", `{ me { notificationFrequency } }`)).me.notificationFrequency).toBe("DAILY_DIGEST");
    // Camille's own choice is untouched.
    expect((await call<{ me: { notificationFrequency: string } }>("camille", `{ me { notificationFrequency } }`)).me.notificationFrequency).toBe("IMMEDIATE");

    // Read again after a reload; usable at 320 px.
    await page.reload();
    await page
      .getByRole("radio", { name: /Un résumé par jour/ })
      .and(page.locator(":checked"))
      .waitFor({ state: "attached" });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await textOf(page)).toContain("Un seul courriel par jour");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "preferences-notification");
    expect(outside).toEqual([]);
  });
});
