import { authorize, badInput, forbidden, hubError, isUuid, notFound, upstreamUnavailable, type Viewer } from "@hub/kit";
import { createHash, randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { Document } from "../entities/document.entity";
import { Project, ProjectStatus } from "../entities/project.entity";
import { appendActivity } from "./activity.service";
import type { DocumentStorage } from "../lib/document-storage";
import { mayDeleteDocument } from "../rules/document-rights";
import { FINAL_STATUSES } from "../rules/lifecycle";
import { requireVisibleProject, seesProject } from "./project-access.service";

/** Accepted types, with the first bytes their content must start with (when the format has some). */
export const DOCUMENT_TYPES: Record<string, { extensions: string[]; magic?: number[] }> = {
  "application/pdf": { extensions: ["pdf"], magic: [0x25, 0x50, 0x44, 0x46] },
  "image/png": { extensions: ["png"], magic: [0x89, 0x50, 0x4e, 0x47] },
  "image/jpeg": { extensions: ["jpg", "jpeg"], magic: [0xff, 0xd8, 0xff] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { extensions: ["docx"], magic: [0x50, 0x4b, 0x03, 0x04] },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { extensions: ["xlsx"], magic: [0x50, 0x4b, 0x03, 0x04] },
  "application/vnd.oasis.opendocument.text": { extensions: ["odt"], magic: [0x50, 0x4b, 0x03, 0x04] },
  "application/vnd.oasis.opendocument.spreadsheet": { extensions: ["ods"], magic: [0x50, 0x4b, 0x03, 0x04] },
  "text/csv": { extensions: ["csv"] },
  "text/plain": { extensions: ["txt"] },
};

/**
 * Attaches a file to a project: for those who take part in it (its collectivité, the State,
 * associated experts); size and type checked (declared type, extension and first bytes),
 * bytes stored first, then metadata and activity in one transaction.
 */
export async function attachDocument(
  dataSource: DataSource,
  storage: DocumentStorage,
  viewer: Viewer,
  input: { projectId: string; name: string; contentType: string; bytes: Buffer; maxBytes: number },
): Promise<Document> {
  authorize(viewer, "project:comment");
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces in a file name
  const name = input.name.trim().replace(/[\\/\u0000-\u001f]/g, "_");
  if (name === "" || name.length > 200) throw badInput("name must be 1 to 200 characters", "name");
  const contentType = input.contentType.split(";")[0].trim().toLowerCase();
  // Own keys only: "constructor" or "__proto__" would otherwise find Object's members.
  const type = Object.hasOwn(DOCUMENT_TYPES, contentType) ? DOCUMENT_TYPES[contentType] : undefined;
  if (!type) throw badInput(`Files of type ${contentType.slice(0, 80) || "(none)"} are not accepted (PDF, images, office documents, CSV, text)`, "contentType");
  const extension = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  if (!type.extensions.includes(extension)) throw badInput(`A ${contentType} file must be named .${type.extensions.join(" or .")}`, "name");
  if (input.bytes.length === 0) throw badInput("The file is empty", "file");
  if (input.bytes.length > input.maxBytes) throw hubError("BAD_USER_INPUT", `The file is larger than ${input.maxBytes} bytes`, { field: "file" });
  if (type.magic && !type.magic.every((byte, i) => input.bytes[i] === byte)) throw badInput(`The content is not a ${contentType} file`, "file");
  const project = await requireVisibleProject(dataSource, viewer, input.projectId);
  if (project.status === ProjectStatus.COMPLETED || project.status === ProjectStatus.ABANDONED) throw hubError("CONFLICT", `A ${project.status} project takes no more documents`);
  const key = `${project.id}/${randomUUID()}`;
  await storage.put(key, input.bytes).catch(() => {
    throw upstreamUnavailable("The document storage is unavailable");
  });
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(Document);
    const document = await repository.save(
      repository.create({
        projectId: project.id,
        name,
        contentType,
        size: input.bytes.length,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        storageKey: key,
        uploadedBy: viewer.personId,
      }),
    );
    await appendActivity(manager, {
      kind: ActivityKind.DOCUMENT_ADDED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Document « ${name} » ajouté à « ${project.title} »`,
      payload: { documentId: document.id, name, size: document.size },
    });
    return document;
  });
}

/** A document whose project the viewer sees; NOT_FOUND otherwise (never served without this check). */
export async function readableDocument(dataSource: DataSource, viewer: Viewer, id: string): Promise<Document> {
  authorize(viewer, "project:read");
  const document = isUuid(id) ? await dataSource.getRepository(Document).findOneBy({ id }) : null;
  if (!document) throw notFound(`No document ${id.slice(0, 60)}`);
  try {
    await requireVisibleProject(dataSource, viewer, document.projectId);
  } catch {
    throw notFound(`No document ${id}`);
  }
  return document;
}

/**
 * Deletes a document (`mayDeleteDocument`: its uploader, or the collectivité carrying the project):
 * the row locked, removed with its DOCUMENT_DELETED activity in one transaction, the stored bytes
 * removed last, before the commit: a storage that fails rolls everything back (UPSTREAM_UNAVAILABLE)
 * and the document stays whole. Returns the project. An invisible document is NOT_FOUND; one
 * deleted meanwhile too.
 */
export async function deleteDocument(dataSource: DataSource, storage: DocumentStorage, viewer: Viewer, id: string): Promise<Project> {
  authorize(viewer, "project:comment");
  if (!isUuid(id)) throw badInput(`"${id.slice(0, 60)}" is not a document id`, "id");
  return dataSource.transaction(async (manager) => {
    const document = await manager.getRepository(Document).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
    const project = document ? await manager.getRepository(Project).findOneBy({ id: document.projectId }) : null;
    if (!document || !project || !(await seesProject(manager, viewer, project))) throw notFound(`No document ${id}`);
    if (!mayDeleteDocument(viewer, document, project)) throw forbidden("Only its uploader or the collectivité carrying the project may delete this document");
    if (FINAL_STATUSES.includes(project.status)) throw hubError("CONFLICT", `The documents of a ${project.status} project are kept as they are`);
    await manager.getRepository(Document).delete({ id: document.id });
    await appendActivity(manager, {
      kind: ActivityKind.DOCUMENT_DELETED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Document « ${document.name} » supprimé de « ${project.title} »`,
      payload: { documentId: document.id, name: document.name, size: document.size },
    });
    await storage.delete(document.storageKey).catch(() => {
      throw upstreamUnavailable("The document storage is unavailable");
    });
    return project;
  });
}
