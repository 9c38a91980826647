import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
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
