import { ANONYMOUS, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import { seesDrafts, visibleFactsCondition } from "./project-visibility";

const viewer = (roles: Viewer["roles"], organizationId: string | null, scopes: string[] = []): Viewer => ({ ...ANONYMOUS, roles, organizationId, scopes });

describe("who sees drafts, and which", () => {
  it.each([
    ["a collectivité (its own and those it is associated with)", viewer(["COLLECTIVITE_AGENT"], "COLLECTIVITE:1"), true],
    ["an associated organisation", viewer(["EXPERT"], "OPERATOR:9"), true],
    ["a programme without organisation", viewer(["PROGRAMME"], null, ["stats:read", "projects:read"]), false],
    ["nobody signed in", ANONYMOUS, false],
    ["the journal's reader", SERVICE_VIEWER, true],
  ])("%s: %p", (_, who, sees) => {
    expect(seesDrafts(who)).toBe(sees);
  });

  it("lets drafts through only by their owner or associated organisations", () => {
    const params: unknown[] = [];
    const sql = visibleFactsCondition(viewer(["STATE_AGENT"], "DDT:63"), params);
    expect(sql).toContain("f.owner_id = $1 OR f.actor_organization_ids @> ARRAY[$1]");
    expect(sql).toContain("f.status <> 'DRAFT' AND f.territory_ids &&");
    expect(visibleFactsCondition(ANONYMOUS, [])).toBe("false");
  });
});
