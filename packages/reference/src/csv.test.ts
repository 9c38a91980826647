import { parseCsv } from "./csv";

describe("parseCsv", () => {
  it.each([
    {
      name: "LF line ends",
      text: "a,b\n1,2\n3,4",
      records: [
        { a: "1", b: "2" },
        { a: "3", b: "4" },
      ],
    },
    {
      name: "CRLF line ends",
      text: "a,b\r\n1,2\r\n3,4\r\n",
      records: [
        { a: "1", b: "2" },
        { a: "3", b: "4" },
      ],
    },
    { name: "a UTF-8 byte order mark before the header (Excel's CSV export)", text: "\uFEFFcode,nom\r\n63113,Clermont-Ferrand\r\n", records: [{ code: "63113", nom: "Clermont-Ferrand" }] },
    { name: "quoted fields holding commas, line ends and doubled quotes", text: 'a,b\n"x, y","ligne 1\r\nligne 2 ""citée"""\n', records: [{ a: "x, y", b: 'ligne 1\r\nligne 2 "citée"' }] },
    { name: "a quoted header and empty quoted fields", text: '"a","b"\n"",2\n', records: [{ a: "", b: "2" }] },
    {
      name: "an empty trailing line, and blank lines between records",
      text: "a,b\n1,2\n\n3,4\n\n",
      records: [
        { a: "1", b: "2" },
        { a: "3", b: "4" },
      ],
    },
    { name: "missing trailing fields as empty, accented text as is", text: "a,b,c\né,\n", records: [{ a: "é", b: "", c: "" }] },
    { name: "an empty last field", text: 'a,b,c\r\n"x",y,\r\n', records: [{ a: "x", b: "y", c: "" }] },
    { name: "a header alone", text: "a,b\r\n", records: [] },
    { name: "nothing", text: "", records: [] },
  ])("reads $name", ({ text, records }) => {
    expect(parseCsv(text)).toEqual(records);
  });
});
