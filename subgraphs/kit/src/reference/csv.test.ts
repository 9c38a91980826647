import { parseCsv } from "./csv";

describe("CSV", () => {
  it("reads quoted fields, doubled quotes, commas and CRLF", () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""",\r\n1,2,3\n')).toEqual([
      { a: "x, y", b: 'say "hi"', c: "" },
      { a: "1", b: "2", c: "3" },
    ]);
  });
});
