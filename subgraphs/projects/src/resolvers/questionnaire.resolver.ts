import { authorize } from "@hub/kit";
import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Project } from "../entities/project.entity";
import { Questionnaire, QuestionnaireResponse, QuestionnaireVersion } from "../entities/questionnaire.entity";
import { answerQuestionnaire, knownTheme, saveQuestionnaire } from "../services/questionnaire.service";
import { AnswerQuestionnaireInput, QuestionAnswer, QuestionnaireInput } from "../types/questionnaire.types";

@Resolver(() => Questionnaire)
export class QuestionnaireResolver {
  @Query(() => [Questionnaire], { description: "The état des lieux questionnaires, one per theme that has one, by theme." })
  questionnaires(@Ctx() { loaders, viewer }: Context): Promise<Questionnaire[]> {
    authorize(viewer, "project:read");
    return loaders.questionnaires.load("all");
  }

  @Query(() => Questionnaire, { nullable: true, description: "The questionnaire of a theme (null when the theme has none; BAD_USER_INPUT for an unknown theme)." })
  async questionnaire(@Arg("theme") theme: string, @Ctx() { loaders, viewer }: Context): Promise<Questionnaire | null> {
    authorize(viewer, "project:read");
    knownTheme(theme, "theme");
    return (await loaders.questionnaires.load("all")).find((q) => q.theme === theme) ?? null;
  }

  @Mutation(() => Questionnaire, {
    description:
      "Writes a theme's questionnaire (ANCT national agents): its first version without `version`, else the next one given the current `version` (CONFLICT when stale). Earlier versions and the answers to them stay as they were.",
  })
  saveQuestionnaire(
    @Arg("input", () => QuestionnaireInput) input: QuestionnaireInput,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("version", () => Int, { nullable: true }) version?: number,
  ): Promise<Questionnaire> {
    return saveQuestionnaire(dataSource, viewer, input, version ?? null);
  }

  @Mutation(() => QuestionnaireResponse, {
    description:
      "Saves answers of a project's état des lieux to the current version of a theme's questionnaire, as you go (its collectivité and the State of its départements). Conditional questions take answers only when shown; answers they no longer need are dropped.",
  })
  answerQuestionnaire(@Arg("input", () => AnswerQuestionnaireInput) input: AnswerQuestionnaireInput, @Ctx() { dataSource, viewer }: Context): Promise<QuestionnaireResponse> {
    return answerQuestionnaire(dataSource, viewer, input);
  }

  @FieldResolver(() => QuestionnaireVersion, { description: "Its current version: the one to answer." })
  async current(@Root() questionnaire: Questionnaire, @Ctx() { loaders }: Context): Promise<QuestionnaireVersion> {
    const versions = await loaders.questionnaireVersions.load(questionnaire.id);
    const current = versions.find((v) => v.version === questionnaire.currentVersion);
    if (!current) throw new Error(`questionnaire ${questionnaire.id}: version ${questionnaire.currentVersion} not found`);
    return current;
  }

  @FieldResolver(() => [QuestionnaireVersion], { description: "Every version, latest first." })
  versions(@Root() questionnaire: Questionnaire, @Ctx() { loaders }: Context): Promise<QuestionnaireVersion[]> {
    return loaders.questionnaireVersions.load(questionnaire.id);
  }
}

@Resolver(() => QuestionnaireResponse)
export class QuestionnaireResponseResolver {
  @FieldResolver(() => Questionnaire)
  async questionnaire(@Root() response: QuestionnaireResponse, @Ctx() { loaders }: Context): Promise<Questionnaire> {
    const questionnaire = (await loaders.questionnaires.load("all")).find((q) => q.id === response.questionnaireId);
    if (!questionnaire) throw new Error(`response ${response.id}: questionnaire ${response.questionnaireId} not found`);
    return questionnaire;
  }

  @FieldResolver(() => QuestionnaireVersion, { description: "The version these answers were given to (its questions as they were then)." })
  async version(@Root() response: QuestionnaireResponse, @Ctx() { loaders }: Context): Promise<QuestionnaireVersion> {
    const version = (await loaders.questionnaireVersions.load(response.questionnaireId)).find((v) => v.id === response.versionId);
    if (!version) throw new Error(`response ${response.id}: version ${response.versionId} not found`);
    return version;
  }

  @FieldResolver(() => Boolean, { description: "Whether the questionnaire has a newer version (answering it carries over the answers that still fit)." })
  async outdated(@Root() response: QuestionnaireResponse, @Ctx() context: Context): Promise<boolean> {
    const [questionnaire, version] = await Promise.all([this.questionnaire(response, context), this.version(response, context)]);
    return version.version < questionnaire.currentVersion;
  }

  @FieldResolver(() => [QuestionAnswer], { description: "The answers, in the questionnaire's order (answers to questions hidden by a later answer are not kept)." })
  answers(@Root() response: QuestionnaireResponse, @Ctx() { loaders }: Context): Promise<QuestionAnswer[]> {
    return Promise.all(
      response.answers.map(async (a) => {
        const document = a.documentId ? await loaders.document.load(a.documentId) : null;
        return {
          questionId: a.questionId,
          choices: a.choices,
          text: a.text,
          comment: a.comment,
          document: document?.projectId === response.projectId ? document : null,
          answeredAt: new Date(a.answeredAt),
        };
      }),
    );
  }
}

/** The latest response of each questionnaire (the highest version answered), by theme order of the questionnaires. */
function latestPerQuestionnaire(responses: QuestionnaireResponse[], versions: Map<string, number>): QuestionnaireResponse[] {
  const latest = new Map<string, QuestionnaireResponse>();
  for (const response of responses) {
    const kept = latest.get(response.questionnaireId);
    if (!kept || (versions.get(response.versionId) ?? 0) > (versions.get(kept.versionId) ?? 0)) latest.set(response.questionnaireId, response);
  }
  return [...latest.values()];
}

@Resolver(() => Project)
export class ProjectQuestionnaireResolver {
  /** The project's responses and the version number of each. */
  private async responses(project: Project, { loaders }: Context): Promise<{ all: QuestionnaireResponse[]; versions: Map<string, number> }> {
    const all = await loaders.questionnaireResponses.load(project.id);
    const versions = new Map<string, number>();
    for (const list of await loaders.questionnaireVersions.loadMany([...new Set(all.map((r) => r.questionnaireId))])) {
      if (Array.isArray(list)) for (const v of list) versions.set(v.id, v.version);
    }
    return { all, versions };
  }

  @FieldResolver(() => [QuestionnaireResponse], {
    description: "The état des lieux: the project's answers to each theme's questionnaire (the latest version answered; with `history`, every version answered, latest first).",
  })
  async questionnaireAnswers(@Root() project: Project, @Ctx() context: Context, @Arg("history", () => Boolean, { nullable: true }) history?: boolean): Promise<QuestionnaireResponse[]> {
    const { all, versions } = await this.responses(project, context);
    if (history === true) return [...all].sort((a, b) => (versions.get(b.versionId) ?? 0) - (versions.get(a.versionId) ?? 0));
    return latestPerQuestionnaire(all, versions);
  }

  @FieldResolver(() => [String], { description: "The tags its état des lieux gives (the latest answers to each questionnaire), sorted; funding's suggestion rules read them." })
  async tags(@Root() project: Project, @Ctx() context: Context): Promise<string[]> {
    const { all, versions } = await this.responses(project, context);
    return [...new Set(latestPerQuestionnaire(all, versions).flatMap((r) => r.tags))].sort();
  }

  @FieldResolver(() => [ID], { description: "Resources of the library already recommended to the project (read by funding to leave them out of suggestions)." })
  @Directive("@inaccessible")
  async recommendedResourceIds(@Root() project: Project, @Ctx() { loaders }: Context): Promise<string[]> {
    return [...new Set((await loaders.recommendations.load(project.id)).flatMap((r) => (r.resourceId ? [r.resourceId] : [])))];
  }
}
