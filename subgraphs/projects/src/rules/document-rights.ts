import { can, hasRole, type Viewer } from "@hub/kit";
import type { ProjectStatus } from "../entities/project.entity";
import { FINAL_STATUSES } from "./lifecycle";

/**
 * Who may delete a document of a project they see: the person who uploaded it, and the agents of
 * the collectivité carrying the project (the dossier is theirs: they remove a superseded plan
 * whoever attached it). The State, ANCT and experts remove only what they attached themselves:
 * they instruct the collectivité's dossier, they do not edit it. Analysts and programmes never.
 */
export function mayDeleteDocument(viewer: Viewer, document: { uploadedBy: string | null }, project: { ownerId: string }): boolean {
  if (!can(viewer, "project:comment")) return false;
  if (viewer.personId !== null && viewer.personId === document.uploadedBy) return true;
  return hasRole(viewer, "COLLECTIVITE_AGENT") && viewer.organizationId === project.ownerId;
}

/** Whether the deletion is possible now: allowed, and the project is not completed or abandoned (its dossier is then archived as it stands). */
export function canDeleteDocumentNow(viewer: Viewer, document: { uploadedBy: string | null }, project: { ownerId: string; status: ProjectStatus }): boolean {
  return mayDeleteDocument(viewer, document, project) && !FINAL_STATUSES.includes(project.status);
}
