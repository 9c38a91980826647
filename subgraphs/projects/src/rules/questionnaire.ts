import { badInput, isUuid } from "@hub/kit";
import { QuestionKind, type Question, type QuestionSet, type StoredAnswer } from "../entities/questionnaire.entity";

/**
 * The état des lieux questionnaires, as pure functions: what a well-formed questionnaire is,
 * which questions are shown given the answers (conditional questions), what an answer may hold,
 * the tags the answers give, and what of a project's answers carries over to a new version.
 */

export const QUESTIONNAIRE_LIMITS = { title: 200, description: 2000, sets: 20, questions: 100, label: 500, help: 1000, choices: 30, tags: 10, text: 5000, comment: 2000 };

/** Question ids, choice values and tags: lower-case words joined by hyphens (stable keys, not labels). */
const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEY_MAX = 60;

export interface QuestionnaireDefinition {
  title: string;
  description: string;
  sets: QuestionSet[];
}

/** What `saveQuestionnaire` receives (GraphQL's input, loosely typed). */
export interface DefinitionInput {
  title: string;
  description?: string | null;
  sets: {
    title: string;
    questions: {
      id: string;
      label: string;
      help?: string | null;
      kind: QuestionKind;
      choices?: { value: string; label: string; tags?: string[] | null }[] | null;
      showIf?: { questionId: string; values: string[] } | null;
    }[];
  }[];
}

function text(value: string | null | undefined, field: string, max: number, required: boolean): string {
  const trimmed = (value ?? "").trim();
  if (required && trimmed === "") throw badInput(`${field} is required`, field);
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

function key(value: string, field: string): string {
  if (value.length > KEY_MAX || !KEY.test(value)) throw badInput(`"${value.slice(0, 60)}" is not a key (lower-case words joined by hyphens, at most ${KEY_MAX} characters)`, field);
  return value;
}

/** A tag: the same form as keys (`chauffage-fioul`). */
export function validateTag(value: string, field: string): string {
  return key(value, field);
}

/** Checks and normalises a questionnaire; BAD_USER_INPUT with the path of the first fault. */
export function validateDefinition(input: DefinitionInput): QuestionnaireDefinition {
  const L = QUESTIONNAIRE_LIMITS;
  const title = text(input.title, "input.title", L.title, true);
  const description = text(input.description, "input.description", L.description, false);
  if (input.sets.length === 0 || input.sets.length > L.sets) throw badInput(`A questionnaire has 1 to ${L.sets} question sets`, "input.sets");
  const seen = new Map<string, Question>();
  const sets = input.sets.map((set, s): QuestionSet => {
    const setTitle = text(set.title, `input.sets[${s}].title`, L.title, true);
    if (set.questions.length === 0) throw badInput("A question set has at least one question", `input.sets[${s}].questions`);
    const questions = set.questions.map((q, i): Question => {
      const path = `input.sets[${s}].questions[${i}]`;
      const id = key(q.id, `${path}.id`);
      if (seen.has(id)) throw badInput(`Question id "${id}" is used twice`, `${path}.id`);
      const choicesIn = q.choices ?? [];
      if (q.kind === QuestionKind.TEXT && choicesIn.length > 0) throw badInput("A TEXT question has no choices", `${path}.choices`);
      if (q.kind !== QuestionKind.TEXT && (choicesIn.length < 2 || choicesIn.length > L.choices)) throw badInput(`A choice question has 2 to ${L.choices} choices`, `${path}.choices`);
      const values = new Set<string>();
      const choices = choicesIn.map((c, j) => {
        const value = key(c.value, `${path}.choices[${j}].value`);
        if (values.has(value)) throw badInput(`Choice "${value}" is used twice`, `${path}.choices[${j}].value`);
        values.add(value);
        const tags = c.tags ?? [];
        if (tags.length > L.tags) throw badInput(`At most ${L.tags} tags per choice`, `${path}.choices[${j}].tags`);
        return { value, label: text(c.label, `${path}.choices[${j}].label`, L.label, true), tags: [...new Set(tags.map((t) => validateTag(t, `${path}.choices[${j}].tags`)))] };
      });
      let showIf: Question["showIf"] = null;
      if (q.showIf) {
        const parent = seen.get(q.showIf.questionId);
        if (!parent || parent.kind === QuestionKind.TEXT) throw badInput("showIf names an earlier choice question", `${path}.showIf.questionId`);
        const unknown = q.showIf.values.find((v) => !parent.choices.some((c) => c.value === v));
        if (q.showIf.values.length === 0 || unknown !== undefined) throw badInput(`showIf.values are 1 or more choices of "${parent.id}"`, `${path}.showIf.values`);
        showIf = { questionId: parent.id, values: [...new Set(q.showIf.values)] };
      }
      const question: Question = { id, label: text(q.label, `${path}.label`, L.label, true), help: text(q.help, `${path}.help`, L.help, false) || null, kind: q.kind, choices, showIf };
      seen.set(id, question);
      return question;
    });
    return { title: setTitle, questions };
  });
  if (seen.size > L.questions) throw badInput(`A questionnaire has at most ${L.questions} questions`, "input.sets");
  return { title, description, sets };
}

export function questionsOf(sets: readonly QuestionSet[]): Question[] {
  return sets.flatMap((set) => set.questions);
}

/** The ids of the questions shown given the answers: a conditional one when its parent is shown and answered with one of its values. */
export function shownQuestions(sets: readonly QuestionSet[], answers: readonly StoredAnswer[]): Set<string> {
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  const shown = new Set<string>();
  for (const question of questionsOf(sets)) {
    const condition = question.showIf;
    if (!condition || (shown.has(condition.questionId) && (byId.get(condition.questionId)?.choices ?? []).some((v) => condition.values.includes(v)))) shown.add(question.id);
  }
  return shown;
}

/** Keeps the answers to shown questions only (a changed parent hides, and drops, what depended on it). */
export function pruneHidden(sets: readonly QuestionSet[], answers: readonly StoredAnswer[]): StoredAnswer[] {
  // A drop can hide further questions: repeat until stable (at most one round per level of nesting).
  let current = [...answers];
  for (;;) {
    const shown = shownQuestions(sets, current);
    const kept = current.filter((a) => shown.has(a.questionId));
    if (kept.length === current.length) return kept;
    current = kept;
  }
}

/** The tags of the choices made on shown questions, sorted and without repeats. */
export function tagsOf(sets: readonly QuestionSet[], answers: readonly StoredAnswer[]): string[] {
  const shown = shownQuestions(sets, answers);
  const tags = new Set<string>();
  for (const question of questionsOf(sets)) {
    if (!shown.has(question.id)) continue;
    const answer = answers.find((a) => a.questionId === question.id);
    for (const choice of question.choices) if (answer?.choices.includes(choice.value)) for (const tag of choice.tags) tags.add(tag);
  }
  return [...tags].sort();
}

export interface AnswerData {
  questionId: string;
  choices?: string[] | null;
  text?: string | null;
  comment?: string | null;
  documentId?: string | null;
}

function isEmpty(a: Pick<StoredAnswer, "choices" | "text" | "comment" | "documentId">): boolean {
  return a.choices.length === 0 && !a.text && !a.comment && !a.documentId;
}

/**
 * Merges new answers into the stored ones of a version: each answer replaces the question's
 * (an empty one removes it), is checked against its question, and must be to a question shown
 * once every answer of the call is applied. Answers to questions hidden by the change are dropped.
 */
export function applyAnswers(sets: readonly QuestionSet[], stored: readonly StoredAnswer[], inputs: readonly AnswerData[], by: string | null, at: Date): StoredAnswer[] {
  const questions = new Map(questionsOf(sets).map((q) => [q.id, q]));
  const merged = new Map(stored.map((a) => [a.questionId, a]));
  const given = new Set<string>();
  inputs.forEach((input, i) => {
    const path = `input.answers[${i}]`;
    const question = questions.get(input.questionId);
    if (!question) throw badInput(`No question "${input.questionId.slice(0, 60)}" in this version of the questionnaire`, `${path}.questionId`);
    if (given.has(question.id)) throw badInput(`Question "${question.id}" is answered twice`, `${path}.questionId`);
    given.add(question.id);
    const choices = [...new Set(input.choices ?? [])];
    if (question.kind === QuestionKind.TEXT && choices.length > 0) throw badInput(`"${question.id}" is answered in words, not with choices`, `${path}.choices`);
    if (question.kind === QuestionKind.SINGLE_CHOICE && choices.length > 1) throw badInput(`"${question.id}" takes one choice`, `${path}.choices`);
    const unknown = choices.find((c) => !question.choices.some((choice) => choice.value === c));
    if (unknown !== undefined) throw badInput(`"${unknown.slice(0, 60)}" is not a choice of "${question.id}"`, `${path}.choices`);
    const answerText = text(input.text, `${path}.text`, QUESTIONNAIRE_LIMITS.text, false);
    if (question.kind !== QuestionKind.TEXT && answerText !== "") throw badInput(`"${question.id}" is answered with choices (a comment may go with them)`, `${path}.text`);
    const comment = text(input.comment, `${path}.comment`, QUESTIONNAIRE_LIMITS.comment, false);
    const documentId = input.documentId ? input.documentId.toLowerCase() : null;
    if (documentId !== null && !isUuid(documentId)) throw badInput(`"${documentId.slice(0, 60)}" is not a document id`, `${path}.documentId`);
    const answer: StoredAnswer = { questionId: question.id, choices, text: answerText || null, comment: comment || null, documentId, answeredBy: by, answeredAt: at.toISOString() };
    if (isEmpty(answer)) merged.delete(question.id);
    else merged.set(question.id, answer);
  });
  // In the questionnaire's order.
  const ordered = questionsOf(sets).flatMap((q) => merged.get(q.id) ?? []);
  const shown = shownQuestions(sets, ordered);
  inputs.forEach((input, i) => {
    const question = questions.get(input.questionId);
    const condition = question?.showIf;
    if (condition && !shown.has(input.questionId) && merged.has(input.questionId)) {
      throw badInput(`"${input.questionId}" is asked only when "${condition.questionId}" is answered ${condition.values.join(" or ")}`, `input.answers[${i}].questionId`);
    }
  });
  return pruneHidden(sets, ordered);
}

/** What of a project's answers to an earlier version still fits a new one: same question id and kind, choices that still exist. */
export function carryOver(sets: readonly QuestionSet[], previous: readonly StoredAnswer[]): StoredAnswer[] {
  const questions = new Map(questionsOf(sets).map((q) => [q.id, q]));
  const kept = previous.flatMap((answer): StoredAnswer[] => {
    const question = questions.get(answer.questionId);
    if (!question) return [];
    const choices = answer.choices.filter((value) => question.choices.some((c) => c.value === value));
    const moved: StoredAnswer = { ...answer, choices: question.kind === QuestionKind.SINGLE_CHOICE ? choices.slice(0, 1) : choices, text: question.kind === QuestionKind.TEXT ? answer.text : null };
    return isEmpty(moved) ? [] : [moved];
  });
  return pruneHidden(sets, kept);
}
