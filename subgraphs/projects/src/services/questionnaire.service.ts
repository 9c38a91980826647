import { authorize, badInput, conflict, forbidden, isUuid, notFound, type Viewer } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { Document } from "../entities/document.entity";
import { Questionnaire, QuestionnaireResponse, QuestionnaireVersion } from "../entities/questionnaire.entity";
import { actorsOf, FINAL_STATUSES } from "../rules/lifecycle";
import { applyAnswers, carryOver, tagsOf, validateDefinition } from "../rules/questionnaire";
import { departementsOf } from "../rules/visibility";
import type { AnswerQuestionnaireInput, QuestionnaireInput } from "../types/questionnaire.types";
import { appendActivity } from "./activity.service";
import { lockProject } from "./project-workflow.service";

/** A theme slug of the taxonomy, or BAD_USER_INPUT. */
export function knownTheme(theme: string, field: string): string {
  if (!loadThemes().some((t) => t.slug === theme)) throw badInput(`"${theme.slice(0, 60)}" is not a theme`, field);
  return theme;
}

/**
 * Writes a theme's questionnaire (ANCT national agents): the first version, or the next one when
 * `version` is the current one (CONFLICT otherwise). Unchanged content writes nothing. Versions are
 * never changed: answers keep pointing at the one they answered.
 */
export async function saveQuestionnaire(dataSource: DataSource, viewer: Viewer, input: QuestionnaireInput, version: number | null): Promise<Questionnaire> {
  authorize(viewer, "questionnaire:write");
  const theme = knownTheme(input.theme, "input.theme");
  const definition = validateDefinition(input);
  return dataSource.transaction(async (manager) => {
    await manager.query(`INSERT INTO questionnaire (theme, current_version) VALUES ($1, 0) ON CONFLICT (theme) DO NOTHING`, [theme]);
    const questionnaire = await manager.getRepository(Questionnaire).findOneOrFail({ where: { theme }, lock: { mode: "pessimistic_write" } });
    const current = questionnaire.currentVersion;
    if (current === 0 && version !== null) throw conflict(`There is no questionnaire for "${theme}" yet: create it without a version`);
    if (current > 0 && version !== current) throw conflict(`The questionnaire of "${theme}" is at version ${current}${version === null ? "" : `, you read version ${version}`}: reload it`);
    if (current > 0) {
      const last = await manager.getRepository(QuestionnaireVersion).findOneByOrFail({ questionnaireId: questionnaire.id, version: current });
      if (JSON.stringify({ title: last.title, description: last.description, sets: last.sets }) === JSON.stringify(definition)) return questionnaire;
    }
    await manager.getRepository(QuestionnaireVersion).insert({ questionnaireId: questionnaire.id, version: current + 1, ...definition, createdBy: viewer.personId });
    questionnaire.currentVersion = current + 1;
    return manager.getRepository(Questionnaire).save(questionnaire);
  });
}

/**
 * Saves answers of a project to the current version of a theme's questionnaire, as they are
 * given (those who edit the project: its collectivité, the State of its départements). The first
 * save on a new version starts from the answers to the previous one that still fit.
 */
export async function answerQuestionnaire(dataSource: DataSource, viewer: Viewer, input: AnswerQuestionnaireInput): Promise<QuestionnaireResponse> {
  authorize(viewer, "project:write");
  if (!isUuid(input.questionnaireVersionId)) throw badInput(`"${input.questionnaireVersionId.slice(0, 60)}" is not a questionnaire version id`, "input.questionnaireVersionId");
  if (input.answers.length === 0 || input.answers.length > 100) throw badInput("Give 1 to 100 answers", "input.answers");
  return dataSource.transaction(async (manager) => {
    const project = await lockProject(manager, viewer, input.projectId);
    if (actorsOf(viewer, { ownerId: project.ownerId, departements: departementsOf(project) }).length === 0)
      throw forbidden("Only its collectivité and the State of its département fill in a project's état des lieux");
    if (FINAL_STATUSES.includes(project.status)) throw conflict(`A ${project.status} project can no longer change`);
    const version = await manager.getRepository(QuestionnaireVersion).findOneBy({ id: input.questionnaireVersionId });
    if (!version) throw notFound(`No questionnaire version ${input.questionnaireVersionId}`);
    const questionnaire = await manager.getRepository(Questionnaire).findOneByOrFail({ id: version.questionnaireId });
    if (version.version !== questionnaire.currentVersion)
      throw conflict(`This questionnaire has changed (version ${questionnaire.currentVersion}, you answered version ${version.version}): reload it`);
    if (!project.themes.includes(questionnaire.theme)) throw badInput(`The project is not about "${questionnaire.theme}": add the theme first`, "input.questionnaireVersionId");
    const repository = manager.getRepository(QuestionnaireResponse);
    let response = await repository.findOneBy({ projectId: project.id, versionId: version.id });
    if (!response) {
      const previous = await repository.findOne({ where: { projectId: project.id, questionnaireId: questionnaire.id }, order: { createdAt: "DESC" } });
      response = repository.create({ projectId: project.id, questionnaireId: questionnaire.id, versionId: version.id, answers: previous ? carryOver(version.sets, previous.answers) : [] });
    }
    const now = new Date();
    const answers = applyAnswers(version.sets, response.answers, input.answers, viewer.personId, now);
    const documentIds = [...new Set(input.answers.flatMap((a) => (a.documentId ? [a.documentId.toLowerCase()] : [])))];
    if (documentIds.length > 0) {
      const found = await manager.getRepository(Document).countBy(documentIds.map((id) => ({ id, projectId: project.id })));
      if (found !== documentIds.length) throw badInput("An attached document is not one of the project's documents", "input.answers");
    }
    response.answers = answers;
    response.tags = tagsOf(version.sets, answers);
    response.updatedBy = viewer.personId;
    response.updatedAt = now;
    const saved = await repository.save(response);
    await appendActivity(manager, {
      kind: ActivityKind.DIAGNOSTIC_UPDATED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `État des lieux « ${version.title} » de « ${project.title} » complété (${answers.length} réponse${answers.length > 1 ? "s" : ""})`,
      payload: { questionnaireId: questionnaire.id, theme: questionnaire.theme, version: version.version, questionIds: input.answers.map((a) => a.questionId), tags: saved.tags },
    });
    return saved;
  });
}
