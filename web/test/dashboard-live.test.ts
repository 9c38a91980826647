import { CAMILLE, NADIA } from "@hub/testing";
import { openSignedIn, subscriptionSent } from "./support/browser";
import { browserSuite, expectNoSeriousViolation } from "./support/suite";

/**
 * The dashboard follows the journal: Nadia (ANCT) has the Puy-de-Dôme open; Camille submits a
 * project in Clermont-Ferrand through the API; the département's figures and the commune's row
 * count it without a reload, once reporting has projected it (the page reads them again until
 * their `currentAt` reaches the event it heard of).
 */
describe("the dashboard, live in Chromium", () => {
  const suite = browserSuite({ people: { camille: CAMILLE } });

  const submitProject = async (title: string) => {
    const { createProject } = await suite.call<{ createProject: { id: string } }>("camille", `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
      i: { title, territoryId: "COMMUNE:63113", themes: ["eau"] },
    });
    await suite.call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: createProject.id });
  };

  it("counts a project submitted elsewhere without a reload", async () => {
    // One project already counted, so that the figures are shown before the change.
    await submitProject("Station d'épuration des Cézeaux");
    await suite.hub.reportingCaughtUp();

    const { page, outside } = await openSignedIn(suite.browser, suite.hub.origin, NADIA);
    const subscribed = subscriptionSent(page, "BoardActivity");
    await page.getByRole("link", { name: "Tableau de bord" }).first().click();
    await page.getByRole("heading", { name: "Tableau de bord" }).waitFor();
    await page.getByRole("link", { name: "Auvergne-Rhône-Alpes" }).click();
    await page.getByRole("link", { name: "Puy-de-Dôme" }).click();
    await page.locator(".fr-breadcrumb").getByText("Puy-de-Dôme").waitFor();
    const count = page.getByTestId("dashboard-project-count");
    await count.getByText("1", { exact: true }).waitFor();
    const clermont = page.getByTestId("dashboard-territories").getByRole("row").filter({ hasText: "Clermont-Ferrand" }).first();
    const clermontCount = clermont.getByRole("cell").nth(1);
    await clermontCount.getByText("1", { exact: true }).waitFor();
    await subscribed;
    // A reload would lose this mark.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await submitProject("Renaturation du ruisseau de la Tiretaine");
    await count.getByText("2", { exact: true }).waitFor();
    await clermontCount.getByText("2", { exact: true }).waitFor();
    const currentAt = await page.getByTestId("dashboard-current-at").innerText();
    const latest = await suite.call<{ latestActivityId: string }>("camille", `{ latestActivityId }`);
    expect(currentAt).toContain(`n° ${latest.latestActivityId} `);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.getByText("Mises à jour en direct interrompues").count()).toBe(0);
    await expectNoSeriousViolation(page, "dashboard-live");
    expect(outside).toEqual([]);
  });
});
