import type { Page } from "playwright-core";
import { CAMILLE } from "@hub/testing";
import { EXAMPLES } from "../src/explorer/examples";
import { screenshot, watchOutside } from "./support/browser";
import { browserSuite } from "./support/suite";

const LOUIS = "louis.moreau@anct.demo";

/** The GraphQL explorer at /explorer: GraphiQL bundled by the web workspace, served by the gateway, in headless Chromium. */
describe("the GraphQL explorer (/explorer)", () => {
  const suite = browserSuite({
    people: { camille: CAMILLE, louis: LOUIS },
    setUp: async ({ call }) => {
      const created = await call<{ createProject: { id: string } }>("camille", `mutation { createProject(input: { title: "Médiathèque", territoryId: "COMMUNE:63113", themes: ["eau"] }) { id } }`);
      await call("camille", `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: created.createProject.id });
    },
  });

  /** Console errors and CSP violations of a page, as they happen. */
  const problemsOf = (page: Page): string[] => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.text().includes("Content Security Policy")) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    return problems;
  };

  it("loads from this origin only, under the app's policy, signs in and runs a saved example", async () => {
    const page = await suite.browser.newPage();
    const outside = watchOutside(page, suite.hub.origin);
    const problems = problemsOf(page);
    const response = await page.goto(`${suite.hub.origin}/explorer`);
    expect(response?.status()).toBe(200);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("font-src 'self' data:;");
    await page.locator(".graphiql-container").waitFor();
    await page.getByText("Non connecté").waitFor();

    await page.getByLabel("Compte de démonstration").selectOption(LOUIS);
    await page.getByText(`Connecté : ${LOUIS}`).waitFor();
    // The documented schema of the session is loaded, and GraphiQL's editors (CodeMirror, loaded
    // lazily) exist: before, the run button does nothing.
    await page.locator('main[aria-busy="false"]').waitFor();
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
    await page.locator(".result-window .CodeMirror").waitFor();
    await page.getByRole("button", { name: "Show Exemples" }).click();
    // Run at once, within GraphiQL's 100 ms debounce of the editor's operation name: the welcome
    // text's "MonCompte" must not be sent with the example's text (the cause of the old flakiness).
    await page.getByRole("button", { name: /Portefeuille d'un département/ }).click();
    await page.getByRole("button", { name: "Execute query (Ctrl-Enter)" }).click();
    const result = page.locator(".result-window");
    await result.getByText('"projectCount"').first().waitFor();
    const text = await result.innerText();
    expect(text).toContain('"Puy-de-Dôme"');
    expect(text).not.toContain('"errors"');
    // It ran from the editor, with its variables.
    await page.locator(".graphiql-query-editor").getByText("query Portefeuille").waitFor();
    await page.locator(".graphiql-editor-tool").getByText("DEPARTEMENT:63").first().waitFor();
    // The documentation comes from the schema (introspection, as the analyst).
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    await page.getByText("Root Types").waitFor();
    await screenshot(page, "explorer");
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("uses the web app's session: signed in there, signed in here", async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.hub.origin}/explorer`);
    await page.getByLabel("Compte de démonstration").selectOption(LOUIS);
    await page.getByText(`Connecté : ${LOUIS}`).waitFor();
    // A reload of the same tab keeps the session, as the app does.
    await page.reload();
    await page.getByText(`Connecté : ${LOUIS}`).waitFor();
    await page.close();
  });

  it("serves the API schema with its documentation to signed-in callers only (introspection is off in production)", async () => {
    const anonymous = await fetch(`${suite.hub.origin}/explorer/schema.graphql`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const signed = await fetch(`${suite.hub.origin}/explorer/schema.graphql`, { headers: { authorization: `Bearer ${suite.token("louis")}` } });
    expect(signed.status).toBe(200);
    const sdl = await signed.text();
    expect(sdl).toContain("type Project {");
    expect(sdl).toContain("The State's inbox");
    // What the gateway hides stays hidden.
    expect(sdl).not.toContain("recordActivity");
    expect(sdl).not.toContain("assigneeIds");
  });

  it.each(EXAMPLES.map((example) => [example.title, example] as const))("answers the saved example « %s » without error for an analyst", async (_title, example) => {
    const response = await suite.hub.query(example.query, example.variables, suite.token("louis"));
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
  });
});
