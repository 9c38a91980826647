import type { Page } from "playwright-core";
import { DEV_INTERNAL_SECRET, INTERNAL_TOKEN_HEADER, SERVICE_VIEWER, signInternalToken } from "@hub/kit";
import { JULIEN, NADIA } from "@hub/testing";
import { openedDialog, openSignedIn, subscriptionSent, watchOutside } from "./support/browser";
import { browserSuite } from "./support/suite";

/** A second ANCT national agent, invited by Nadia and signed in once (through ProConnect, as the gateway asks it). */
const PAUL = "paul.garcia@anct.demo";

/**
 * The administration of people live across administrators' sessions, in a real headless
 * Chromium against the real hub: two ANCT national agents, each in a browser context of its
 * own, on "Administration"; what one does (a suspension, an invitation) shows on the other's
 * page without a reload (personChanged through urql's cache).
 */
describe("administration of people, live between two administrators, in Chromium", () => {
  const suite = browserSuite({
    people: { nadia: NADIA },
    setUp: async (suite) => {
      await suite.call("nadia", `mutation { invitePerson(input: { email: "${PAUL}", givenName: "Paul", usualName: "Garcia", organizationId: "ANCT:NATIONAL" }) { id } }`);
      const response = await fetch(suite.hub.subgraphs["people-territories"].url, {
        method: "POST",
        headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(SERVICE_VIEWER, DEV_INTERNAL_SECRET) },
        body: JSON.stringify({ query: `mutation { signInWithProConnect(claims: { sub: "paul-sub", email: "${PAUL}", givenName: "Paul", usualName: "Garcia" }) { refusal } }` }),
      });
      expect(await response.json()).toEqual({ data: { signInWithProConnect: { refusal: null } } });
    },
  });

  /** Paul's page: a session of its own, stored where the app keeps it (he is not one of the demo accounts the sign-in box lists). */
  const openAsPaul = async () => {
    const token = await suite.hub.token(PAUL);
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(
      ([token, email]) => {
        if (!sessionStorage.getItem("hub.token")) {
          sessionStorage.setItem("hub.token", token);
          sessionStorage.setItem("hub.email", email);
        }
      },
      [token, PAUL],
    );
    const page = await context.newPage();
    const outside = watchOutside(page, suite.hub.origin);
    await page.goto(suite.hub.origin);
    await page.getByText(`Connecté·e : ${PAUL}`).first().waitFor();
    return { page, outside };
  };
  const openAdministration = async (page: Page) => {
    const subscribed = subscriptionSent(page, "PersonChanged");
    await page.getByRole("link", { name: "Administration" }).first().click();
    await page.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
    await page.getByTestId("person-row").first().waitFor();
    await subscribed;
  };
  const row = (page: Page, name: string) => page.getByTestId("person-row").filter({ hasText: name });

  it("shows one administrator's suspension and invitation on the other's page without a reload", async () => {
    const nadia = await openSignedIn(suite.browser, suite.hub.origin, NADIA);
    const paul = await openAsPaul();
    await openAdministration(nadia.page);
    await openAdministration(paul.page);
    // Set on Paul's page now: a reload would lose it.
    await paul.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const badge = (page: Page, name: string) => row(page, name).locator(".fr-badge");
    expect(await badge(paul.page, "Julien Bernard").textContent()).toBe("Actif");

    // Nadia suspends Julien, through the confirmation modal.
    await nadia.page.getByRole("button", { name: "Suspendre Julien Bernard" }).click();
    await openedDialog(nadia.page, "Suspendre le compte");
    await nadia.page.getByRole("dialog", { name: "Suspendre le compte" }).getByRole("button", { name: "Suspendre le compte" }).click();
    await nadia.page.getByText("Compte de Julien Bernard suspendu").waitFor();
    // Paul's row follows: its badge, and the button it offers.
    await badge(paul.page, "Julien Bernard")
      .filter({ hasText: /^Suspendu$/ })
      .waitFor();
    await paul.page.getByRole("button", { name: "Réactiver Julien Bernard" }).waitFor();

    // Nadia invites someone new: Paul's list reads itself again and shows the pending account.
    expect(await row(paul.page, "Inès Faure").count()).toBe(0);
    await nadia.page.getByLabel("Prénom", { exact: true }).fill("Inès");
    await nadia.page.getByLabel("Nom", { exact: true }).fill("Faure");
    await nadia.page.locator("#invite-email").fill("ines.faure@ddt63.demo");
    await nadia.page.locator("#invite-organization").fill("territoires Puy-de-Dôme");
    await nadia.page.getByRole("option", { name: /^Direction départementale des territoires du Puy-de-Dôme/ }).click();
    await nadia.page.getByRole("button", { name: "Inviter", exact: true }).click();
    await nadia.page.getByText(/^Invitation enregistrée : ines\.faure@ddt63\.demo/).waitFor();
    await badge(paul.page, "Inès Faure")
      .filter({ hasText: /^Invité, jamais connecté$/ })
      .waitFor();
    expect(await row(paul.page, "Inès Faure").innerText()).toContain("ines.faure@ddt63.demo");

    // And the other way round: Paul reactivates Julien, Nadia sees it.
    await paul.page.getByRole("button", { name: "Réactiver Julien Bernard" }).click();
    await badge(nadia.page, "Julien Bernard")
      .filter({ hasText: /^Actif$/ })
      .waitFor();

    expect(await paul.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await suite.hub.token(JULIEN)).toBeTruthy();
    expect([...nadia.outside, ...paul.outside]).toEqual([]);
  });
});
