import { ANONYMOUS, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import { countsDraft, draftCondition, draftScope } from "./draft-visibility";

const viewer = (roles: Viewer["roles"], organizationId: string | null, scopes: string[] = []): Viewer => ({ ...ANONYMOUS, roles, organizationId, scopes });
const draft = { ownerId: "COLLECTIVITE:1", actorOrganizationIds: ["OPERATOR:9"] };

describe("whose drafts a viewer counts", () => {
  it.each([
    ["its collectivité", viewer(["COLLECTIVITE_AGENT"], "COLLECTIVITE:1"), true],
    ["an organisation associated with it", viewer(["EXPERT"], "OPERATOR:9"), true],
    ["another collectivité", viewer(["COLLECTIVITE_AGENT"], "COLLECTIVITE:2"), false],
    ["the State of its département", viewer(["STATE_AGENT"], "DDT:63"), false],
    ["the ANCT national", viewer(["ANCT_NATIONAL"], "ANCT:NATIONAL"), false],
    ["an analyst", viewer(["ANALYST"], "ANCT:NATIONAL"), false],
    ["a programme", viewer(["PROGRAMME"], null, ["stats:read", "projects:read"]), false],
    ["nobody signed in", ANONYMOUS, false],
    ["the journal's reader", SERVICE_VIEWER, true],
  ])("%s: %p", (_, who, counted) => {
    const scope = draftScope(who);
    expect(countsDraft(scope, draft)).toBe(counted);
    const params: unknown[] = [];
    const sql = draftCondition(scope, params);
    expect(sql === "false").toBe(scope.kind === "none");
  });
});
