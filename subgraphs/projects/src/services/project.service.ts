import { authorize, badInput, forbidden, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { Project, ProjectStatus } from "../entities/project.entity";
import { projectTerritories, validateDiagnostic, validateFields, type DiagnosticData, type ProjectFieldsData } from "../rules/project-fields";
import { appendActivity } from "./activity.service";
import { changeProject } from "./project-workflow.service";

export interface CreateProjectData extends ProjectFieldsData {
  title: string;
  territoryId: string;
}

/**
 * Creates a draft project on a commune of the caller's collectivité, with its first activity,
 * in one transaction. Validates everything before writing anything.
 */
export async function createProject(dataSource: DataSource, viewer: Viewer, input: CreateProjectData): Promise<Project> {
  authorize(viewer, "project:create");
  const fields = validateFields(input);
  // Required by the type, hence set by validateFields: this guards a caller that lies about it.
  if (fields.title === undefined) throw badInput("title is required", "title");
  const title = fields.title;
  const description = fields.description ?? "";
  const themes = fields.themes ?? [];
  const { otherCommuneIds, territoryIds } = projectTerritories(input.territoryId, fields.otherCommuneIds ?? []);
  // A commune of the caller's collectivité (its own, or a member of its EPCI), or its own EPCI.
  const allowed = input.territoryId.startsWith("COMMUNE:")
    ? viewer.communes.includes(input.territoryId.slice("COMMUNE:".length))
    : viewer.organizationId === `COLLECTIVITE:${input.territoryId.slice("EPCI:".length)}`;
  const ownerId = viewer.organizationId;
  if (!ownerId || !allowed) {
    throw forbidden("Only an agent of a collectivité covering this territory may create a project on it");
  }
  return dataSource.transaction(async (manager) => {
    const project = await manager.getRepository(Project).save(
      manager.getRepository(Project).create({
        ...fields,
        title,
        description,
        themes,
        territoryId: input.territoryId,
        otherCommuneIds,
        territoryIds,
        ownerId,
        createdById: viewer.personId,
        status: ProjectStatus.DRAFT,
      }),
    );
    await appendActivity(manager, {
      kind: ActivityKind.PROJECT_CREATED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Projet « ${title} » créé`,
      payload: { status: project.status, territoryIds, themes },
    });
    return project;
  });
}

/** Edits the fiche (owner or State), checking the version the editor read. */
export function updateProject(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: ProjectFieldsData): Promise<Project> {
  const fields = validateFields(input);
  // Named as in the input.
  const changed = Object.keys(fields).map((key) => (key === "otherCommuneIds" ? "communeIds" : key));
  if (changed.length === 0) throw badInput("Nothing to change", "input");
  return changeProject(dataSource, viewer, id, version, (project) => {
    Object.assign(project, fields);
    if (fields.otherCommuneIds) {
      Object.assign(project, projectTerritories(project.territoryId, fields.otherCommuneIds));
    }
    return { kind: ActivityKind.PROJECT_UPDATED, summary: `Projet « ${project.title} » modifié (${changed.join(", ")})`, payload: { fields: changed } };
  });
}

/** Replaces the état des lieux (owner or State), checking the version the editor read. */
export function updateDiagnostic(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: DiagnosticData): Promise<Project> {
  const diagnostic = validateDiagnostic(input);
  return changeProject(dataSource, viewer, id, version, (project) => {
    project.diagnosticData = diagnostic;
    return { kind: ActivityKind.DIAGNOSTIC_UPDATED, summary: `État des lieux de « ${project.title} » mis à jour`, payload: {} };
  });
}
