import { csvCell, csvLine } from "./export-columns";

describe("CSV cells", () => {
  it("defuses formulas, quotes what needs it, writes decimal commas", () => {
    expect(["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "a-b", "Saint-Flour"].map(csvCell)).toEqual(["'=1+1", "'+33 6", "'-2", "'@SUM(A1)", "'\tx", "a-b", "Saint-Flour"]);
    expect(csvCell('a;b "c"')).toBe('"a;b ""c"""');
    expect(csvCell("=a;b")).toBe(`"'=a;b"`);
    expect(csvCell("ligne\r\nsuivante")).toBe('"ligne\r\nsuivante"');
    expect([csvCell(1234.5), csvCell(-3), csvCell(null)]).toEqual(["1234,5", "-3", ""]);
    expect(csvLine(["a", 1, null])).toBe("a;1;\r\n");
  });
});
