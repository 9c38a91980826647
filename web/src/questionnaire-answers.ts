import type { AnswerInput, Question, QuestionSet, StoredAnswer } from './questionnaire-operations';

/** A document of the project's documents attached to an answer. */
export interface AnswerDocument {
  id: string;
  name: string;
  url: string;
}

/** An answer as the form holds it: choice values, words (TEXT questions), a comment, a document. */
export interface DraftAnswer {
  choices: string[];
  text: string;
  comment: string;
  document: AnswerDocument | null;
}

export type DraftAnswers = Record<string, DraftAnswer>;

export const EMPTY_ANSWER: DraftAnswer = { choices: [], text: '', comment: '', document: null };

export function questionsOf(sets: readonly QuestionSet[]): Question[] {
  return sets.flatMap((set) => set.questions);
}

/** The drafts of stored answers (a document deleted since is no longer there). */
export function draftsOf(answers: readonly StoredAnswer[]): DraftAnswers {
  return Object.fromEntries(answers.map((a) => [a.questionId, { choices: [...a.choices], text: a.text ?? '', comment: a.comment ?? '', document: a.document ? { ...a.document } : null }]));
}

/** The questions shown given the answers (as the API decides): a conditional one when its parent is shown and answered with one of its values. */
export function shownQuestions(sets: readonly QuestionSet[], answers: DraftAnswers): Set<string> {
  const shown = new Set<string>();
  for (const question of questionsOf(sets)) {
    const condition = question.showIf;
    if (!condition || (shown.has(condition.questionId) && (condition.questionId in answers ? answers[condition.questionId].choices : []).some((v) => condition.values.includes(v))))
      shown.add(question.id);
  }
  return shown;
}

/** The answers to shown questions only (what the API keeps once an answer hides others). */
export function pruneHidden(sets: readonly QuestionSet[], answers: DraftAnswers): DraftAnswers {
  let current = answers;
  for (;;) {
    const shown = shownQuestions(sets, current);
    const kept = Object.fromEntries(Object.entries(current).filter(([id]) => shown.has(id)));
    if (Object.keys(kept).length === Object.keys(current).length) return kept;
    current = kept;
  }
}

/** What of answers to an earlier version still fits a new one (same id and kind, choices that still exist), as the API carries over on the first save. */
export function carryOver(sets: readonly QuestionSet[], previous: DraftAnswers): DraftAnswers {
  const kept: DraftAnswers = {};
  for (const question of questionsOf(sets)) {
    if (!(question.id in previous)) continue;
    const answer = previous[question.id];
    const choices = answer.choices.filter((value) => question.choices.some((c) => c.value === value));
    const moved = { choices: question.kind === 'SINGLE_CHOICE' ? choices.slice(0, 1) : choices, text: question.kind === 'TEXT' ? answer.text : '', comment: answer.comment, document: answer.document };
    if (!isEmpty(moved)) kept[question.id] = moved;
  }
  return pruneHidden(sets, kept);
}

export function isEmpty(answer: DraftAnswer): boolean {
  return answer.choices.length === 0 && !answer.text.trim() && !answer.comment.trim() && !answer.document;
}

/** The input that saves one question's answer (an empty one removes it). */
export function answerInput(question: Question, answer: DraftAnswer): AnswerInput {
  return {
    questionId: question.id,
    choices: question.kind === 'TEXT' ? [] : answer.choices,
    text: question.kind === 'TEXT' ? answer.text.trim() || null : null,
    comment: answer.comment.trim() || null,
    documentId: answer.document?.id ?? null,
  };
}

/** The labels of the chosen values, or the words given. */
export function describeAnswer(question: Question, answer: DraftAnswer | undefined): string {
  if (!answer) return '';
  if (question.kind === 'TEXT') return answer.text;
  return question.choices
    .filter((c) => answer.choices.includes(c.value))
    .map((c) => c.label)
    .join(', ');
}
