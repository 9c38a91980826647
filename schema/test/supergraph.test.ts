import { composeSupergraph, staleFiles } from "../src/compose";

describe("the committed supergraph", () => {
  it("equals a fresh composition of the four subgraphs (run `npm run compose` after a schema change)", () => {
    const composition = composeSupergraph();
    expect(composition.subgraphs.map((s) => s.name)).toEqual(["projects", "people-territories", "funding", "reporting"]);
    expect(staleFiles(composition)).toEqual([]);
  });
});
