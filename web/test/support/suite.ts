import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startHub, type Hub, type HubOptions } from "@hub/testing";
import { launchChromium, seriousAxeViolations } from "./browser";

/** A real hub and a headless Chromium shared by the tests of one describe block. */
export interface BrowserSuite<Who extends string> {
  /** The hub (throws outside the block's tests: it starts in beforeAll). */
  readonly hub: Hub;
  /** The browser (likewise). */
  readonly browser: Browser;
  /** The API token of one of the people signed in at start. */
  token: (who: Who | (string & {})) => string;
  /** A GraphQL call through the gateway as `who`, which must succeed: its data. */
  call: <T = Record<string, unknown>>(who: Who | (string & {}), query: string, variables?: Record<string, unknown>) => Promise<T>;
}

export interface BrowserSuiteOptions<Who extends string> {
  /** The demo people the tests call the API as (a short name for each e-mail). */
  people?: Record<Who, string>;
  /** How to start the hub (startHub's options). */
  hub?: HubOptions;
  /** Data the tests need, written through the API or SQL once the hub runs and the people are signed in. */
  setUp?: (suite: BrowserSuite<Who>) => Promise<void>;
}

/**
 * Starts one hub and one Chromium before the tests of the describe block it is called in, signs
 * `people` in to the API, runs `setUp`, and closes both after the tests, whatever failed (a
 * set-up that failed half-way closes what it started). The set-up every browser test shares.
 */
export function browserSuite<Who extends string = never>(options: BrowserSuiteOptions<Who> = {}): BrowserSuite<Who> {
  let hub: Hub | undefined;
  let browser: Browser | undefined;
  const tokens = new Map<string, string>();
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} is not started: use it within a test of the block`);
    return value;
  };
  const suite: BrowserSuite<Who> = {
    get hub() {
      return started(hub, "hub");
    },
    get browser() {
      return started(browser, "browser");
    },
    token: (who) => started(tokens.get(who), `token of ${who}`),
    call: async <T>(who: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await suite.hub.query<T>(query, variables, suite.token(who));
      expect(response.errors).toBeUndefined();
      return response.data!;
    },
  };
  beforeAll(async () => {
    hub = await startHub(options.hub);
    for (const [who, email] of Object.entries<string>(options.people ?? {})) tokens.set(who, await hub.token(email));
    await options.setUp?.(suite);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });
  return suite;
}

/** Fails the test with the page's name and axe-core's serious or critical violations, if any. */
export async function expectNoSeriousViolation(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({ page: name, violations: [] });
}

/** Where the screenshots linked from web/README.md are saved; WEB_SCREENSHOTS overrides it. */
export const SCREENSHOTS = process.env.WEB_SCREENSHOTS ?? join(__dirname, "..", "..", "screenshots");

/** A full-page screenshot of web/README.md (`file`: its name there, e.g. "60-carte-projets.png"). */
export async function readmeScreenshot(page: Page, file: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: true });
}
