import { Fragment } from 'react';
import { describeAnswer, questionsOf, shownQuestions, type DraftAnswers } from '../questionnaire-answers';
import type { QuestionnaireVersion } from '../questionnaire-operations';
import { FicheField } from './fiche-field';

/** A questionnaire's answers, read only: each question answered, with its answer and comment (answers to an older version: those that still fit, marked as such). */
export function QuestionnaireAnswers({ version, answers, outdated }: { version: QuestionnaireVersion; answers: DraftAnswers; outdated: boolean }) {
  const shown = shownQuestions(version.sets, answers);
  const answered = questionsOf(version.sets).filter((q) => shown.has(q.id) && answers[q.id]);
  if (answered.length === 0) return <p>Aucune réponse pour le moment.</p>;
  return (
    <dl className="fiche-fields" data-testid="questionnaire-answers">
      {answered.map((question) => (
        <Fragment key={question.id}>
          <FicheField label={question.label}>
            {describeAnswer(question, answers[question.id])}
            {answers[question.id].comment && <span className="muted"> — Commentaire : {answers[question.id].comment}</span>}
            {outdated && <span className="muted"> (réponse à une version dépassée)</span>}
          </FicheField>
        </Fragment>
      ))}
    </dl>
  );
}
