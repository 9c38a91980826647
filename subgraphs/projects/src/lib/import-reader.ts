import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** The file formats `importProjects` reads. */
export type ImportFileFormat = "CSV" | "XLSX";

/** One line of the file: its number in the file (1 is the header) and its cells, as text. */
export interface RawRow {
  line: number;
  values: string[];
}

/**
 * Reads an import file as a stream of rows, never the whole file in memory: CSV through
 * csv-parse, XLSX through exceljs's streaming reader (the first worksheet). The first row
 * yielded is the header.
 */
export function readRows(input: Readable, format: ImportFileFormat): AsyncGenerator<RawRow> {
  return format === "CSV" ? csvRows(input) : xlsxRows(input);
}

/**
 * CSV in UTF-8 (a byte order mark is dropped), separated by `;` (what a French spreadsheet
 * writes), `,` or tabs: whichever the header line holds most of.
 */
async function* csvRows(input: Readable): AsyncGenerator<RawRow> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await chunks.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  const headerLine = head.toString("utf8").split(/\r?\n/, 1)[0];
  const count = (separator: string) => headerLine.split(separator).length;
  const delimiter = [";", ",", "\t"].reduce((best, candidate) => (count(candidate) > count(best) ? candidate : best));
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true });
  const bytes = async function* () {
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  };
  // The parser's errors (an unclosed quote) and the source's reach the loop below.
  const feeding = pipeline(Readable.from(bytes()), parser).catch((error: unknown) => {
    parser.destroy(error as Error);
  });
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, values: record };
    }
  } finally {
    input.destroy();
    await feeding;
  }
}

/** The first worksheet of an XLSX workbook, row by row; dates as YYYY-MM-DD, formulas as their result. */
async function* xlsxRows(input: Readable): AsyncGenerator<RawRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit" });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { line: row.number, values: Array.from(values, (value: ExcelJS.CellValue | undefined) => cellText(value)) };
      }
      // Only the first worksheet is read.
      return;
    }
  } finally {
    input.destroy();
  }
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("richText" in value)
    return value.richText
      .map((part) => part.text)
      .join("")
      .trim();
  if ("formula" in value || "sharedFormula" in value) return cellText((value as ExcelJS.CellFormulaValue).result);
  if ("text" in value) return value.text.trim();
  if ("error" in value) return "";
  return "";
}
