import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { chromiumPath } from "@hub/testing";

/**
 * Headless Chromium (see chromiumPath; the jest global setup finds it once, before the workers,
 * so that two of them never unpack it at the same time), with nothing that calls out on its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HUB_CHROMIUM_PATH ?? chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Signs in with the demo account `email` from the sign-in box, and waits for the session bar. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByRole("combobox").selectOption(email);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByText(`Connecté·e : ${email}`).first().waitFor();
}

/** A page signed in as `email` and the requests it sends outside `origin` (see watchOutside). */
export interface SignedInPage {
  page: Page;
  outside: string[];
}

/**
 * A new browser context (its own storage: a session of its own) at 1280 × 900 unless told,
 * opened on `origin`, signed in with the demo account `email`, requests leaving the origin
 * watched from the start.
 */
export async function openSignedIn(browser: Browser, origin: string, email: string, options: { viewport?: { width: number; height: number }; allowBlobs?: boolean } = {}): Promise<SignedInPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const outside = watchOutside(page, origin, options.allowBlobs);
  await page.goto(origin);
  await signIn(page, email);
  return { page, outside };
}

/** Resolves once the page has sent the subscription `name` over its WebSocket (listen before the page starts it). */
export function subscriptionSent(page: Page, name: string): Promise<void> {
  return new Promise((resolve) => page.on("websocket", (socket) => socket.on("framesent", (frame) => typeof frame.payload === "string" && frame.payload.includes(name) && resolve())));
}

/** The text of `selector`, spaces (the narrow no-break ones of fr-FR numbers included) as plain spaces. */
export async function textOf(page: Page, selector = "main"): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ");
}

/** With WEB_SCREENSHOTS=<folder>, a full-page screenshot to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.WEB_SCREENSHOTS) await page.screenshot({ path: join(process.env.WEB_SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Records the page's requests that leave `origin` (data: URLs aside; with `allowBlobs`, blob:
 * URLs the page made from `origin` too). The array fills as the page runs.
 */
export function watchOutside(page: Page, origin: string, allowBlobs = false): string[] {
  const outside: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !(allowBlobs && url.startsWith(`blob:${origin}/`))) outside.push(url);
  });
  return outside;
}

/** axe-core's script, from node_modules (injected through the DevTools protocol: the page's CSP does not apply, nothing is fetched). */
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** A violation axe-core finds, as a test reports it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical violations axe-core finds on the page as it is now (WCAG 2.1 A and AA rules, and best practices). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await transitionsOver(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.join(" ")) }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

/** The dialog `name` once shown and its transitions over (the DSFR modal fades in: axe must see its final colours). */
export async function openedDialog(page: Page, name: string): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name });
  await dialog.waitFor();
  await transitionsOver(page);
  return dialog;
}

/**
 * Until the page's finite animations and transitions are over (a DSFR modal fading in or out:
 * axe measures colours as they are on screen, half-transparent mid-fade). Endless ones (a
 * spinner) are not waited for.
 */
export async function transitionsOver(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}
