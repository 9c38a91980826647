/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into records keyed by header.
 * A leading byte order mark is dropped (spreadsheets write one); blank lines are skipped.
 * Kept by hand: it reads one bundled file (the CRTE list) at start, synchronously, and a
 * CSV library would bring streams and options for a 30-line state machine that
 * `csv.test.ts` covers (BOM, quotes, line ends, missing trailing fields).
 */
export function parseCsv(input: string): Record<string, string>[] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows.filter((r) => r.length > 1 || r[0] !== "");
  return records.map((values) => Object.fromEntries(header.map((name, index) => [name, values[index] ?? ""])));
}
