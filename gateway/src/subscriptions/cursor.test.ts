import { parse, print } from "graphql";
import { AFTER_VARIABLE, CURSOR_ALIAS, makeResumable } from "./cursor";

const normal = (operation: string) => print(parse(operation));

describe("makeResumable", () => {
  it("adds a variable for `after` and the cursor alias when the client gave no `after`", () => {
    const resumable = makeResumable(`subscription { projectActivity(territoryId: "DEPARTEMENT:63") { summary } }`, {});
    expect(resumable).toEqual({
      operation: normal(`subscription ($${AFTER_VARIABLE}: String) { projectActivity(territoryId: "DEPARTEMENT:63", after: $${AFTER_VARIABLE}) { summary ${CURSOR_ALIAS}: id } }`),
      rootKey: "projectActivity",
      initialAfter: null,
      afterVariable: AFTER_VARIABLE,
    });
  });

  it("replaces a literal `after` with the variable, remembering its value as the start", () => {
    const resumable = makeResumable(`subscription { live: projectActivity(after: "120") { id } }`, {});
    expect(resumable.initialAfter).toBe("120");
    expect(resumable.rootKey).toBe("live");
    expect(resumable.operation).toBe(normal(`subscription ($${AFTER_VARIABLE}: String) { live: projectActivity(after: $${AFTER_VARIABLE}) { id ${CURSOR_ALIAS}: id } }`));
  });

  it("keeps the client's own `after` variable and reads its value", () => {
    const operation = `subscription S($since: String, $p: ID) { projectActivity(projectId: $p, after: $since) { id } }`;
    expect(makeResumable(operation, { since: "7" })).toEqual({
      operation: normal(`subscription S($since: String, $p: ID) { projectActivity(projectId: $p, after: $since) { id ${CURSOR_ALIAS}: id } }`),
      rootKey: "projectActivity",
      initialAfter: "7",
      afterVariable: "since",
    });
    expect(makeResumable(operation, {}).initialAfter).toBeNull();
  });
});
