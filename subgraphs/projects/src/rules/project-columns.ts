import type { Project } from "../entities/project.entity";

export type ProjectProperty = keyof Project;

/**
 * What each field of Project reads of the project's row, for the fields that read that row
 * only: a list reads the columns its selected fields need and no more (parsing all 27 columns
 * of 51 rows was a third of the projects subgraph's CPU on a page asking for 4 fields). A field
 * not listed here (rights, relations, tags, inactivity...) makes the list read every column,
 * so a new field is safe before it is listed. `test/list-columns.test.ts` checks each entry:
 * a list asking for that field alone answers as a list reading every column.
 */
const FIELD_PROPERTIES = new Map<string, readonly ProjectProperty[]>(
  Object.entries({
    __typename: [],
    id: ["id"],
    title: ["title"],
    description: ["description"],
    status: ["status"],
    themes: ["themes"],
    phase: ["phase"],
    programmes: ["programmes"],
    budgetEuros: ["budgetEuros"],
    startDate: ["startDate"],
    endDate: ["endDate"],
    priority: ["priority"],
    blockedReason: ["blockedReason"],
    statusReason: ["statusReason"],
    submittedAt: ["submittedAt"],
    externalSource: ["externalSource"],
    externalId: ["externalId"],
    createdAt: ["createdAt"],
    updatedAt: ["updatedAt"],
    version: ["version"],
    createdById: ["createdById"],
    territory: ["territoryId"],
    territories: ["territoryId", "otherCommuneIds"],
    owner: ["ownerId"],
    diagnostic: ["diagnosticData"],
  } satisfies Record<string, ProjectProperty[]>),
);

/** The fields whose columns a list may leave out (the others read every column). */
export const LISTED_FIELDS: readonly string[] = [...FIELD_PROPERTIES.keys()];

/**
 * The properties a list of projects reads for the fields selected on its nodes, with those
 * the list itself needs (`always`: its keys); undefined, meaning every column, when a field
 * selected is not one of `LISTED_FIELDS`.
 */
export function propertiesFor(fields: Iterable<string>, always: readonly ProjectProperty[]): ProjectProperty[] | undefined {
  const properties = new Set<ProjectProperty>(["id", ...always]);
  for (const field of fields) {
    const read = FIELD_PROPERTIES.get(field);
    if (!read) return undefined;
    for (const property of read) properties.add(property);
  }
  return [...properties];
}
