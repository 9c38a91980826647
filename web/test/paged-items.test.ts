import { appendPage, identityOf } from "../src/paged-items";

const node = (id: string, title = `projet ${id}`) => ({ id, title });
const edge = (id: string, title?: string) => ({ cursor: `c${id}`, node: node(id, title) });

describe("'Voir plus' pages", () => {
  it("knows a row by its id or its node's", () => {
    expect(identityOf(node("7"))).toBe("7");
    expect(identityOf(edge("7"))).toBe("7");
  });

  it("appends the next page", () => {
    expect(appendPage([node("1"), node("2")], [node("3")]).map((item) => item.id)).toEqual(["1", "2", "3"]);
  });

  it("never shows a row twice: one shown again stays in place with the newer data", () => {
    // "2" was renamed between the two reads: the list sorted by title meets it again on page 2.
    const rows = appendPage([edge("1"), edge("2", "Ancien titre")], [edge("2", "Zone d'activités"), edge("3")]);
    expect(rows.map((row) => [row.node.id, row.node.title])).toEqual([
      ["1", "projet 1"],
      ["2", "Zone d'activités"],
      ["3", "projet 3"],
    ]);
  });
});
