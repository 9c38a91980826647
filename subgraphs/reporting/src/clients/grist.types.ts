/**
 * The Grist REST API's wire shapes we send and read (docs/external-apis.md, "Grist"), from
 * grist-core's DocApi and its OpenAPI description. Cell values are JSON scalars here: we send
 * text and numbers only, with `noparse=true` so that Grist stores them as given.
 */
export type GristCellValue = string | number | boolean | null;

/** Column types we create (Grist's `fields.type`). */
export type GristColumnType = "Text" | "Numeric" | "Int" | "Bool" | "Date" | "Any";

/** `GET /docs/{docId}/tables/{tableId}/columns` → `{ columns: GristColumn[] }`. */
export interface GristColumn {
  id: string;
  fields: { label?: string; type?: string; isFormula?: boolean; formula?: string; colRef?: number; [field: string]: unknown };
}

/** One column of `POST …/columns` (`{ columns: [...] }` → `{ columns: [{ id }] }`). */
export interface GristNewColumn {
  id: string;
  fields: { label: string; type: GristColumnType };
}

/** One record of `PUT …/records` (add-or-update): matched on `require`, written with `fields`. */
export interface GristUpsertRecord {
  require: Record<string, GristCellValue>;
  fields: Record<string, GristCellValue>;
}

/** Every Grist API error: an HTTP status and `{ error, details? }`. */
export interface GristErrorBody {
  error: string;
  details?: unknown;
}
