import { Fragment } from 'react';
import { describeAnswer, questionsOf, shownQuestions, type DraftAnswers } from '../questionnaire-answers';
import type { QuestionnaireVersion } from '../questionnaire-operations';
import { AnswerDocumentLink } from './answer-document';
import { FicheField } from './fiche-field';

/** A questionnaire's answers, read only: each question answered, with its answer, comment and document (answers to an older version: those that still fit, marked as such). */
export function QuestionnaireAnswers({ version, answers, outdated }: { version: QuestionnaireVersion; answers: DraftAnswers; outdated: boolean }) {
  const shown = shownQuestions(version.sets, answers);
  const answered = questionsOf(version.sets).filter((q) => shown.has(q.id) && answers[q.id]);
  if (answered.length === 0) return <p>Aucune réponse pour le moment.</p>;
  return (
    <dl className="fiche-fields" data-testid="questionnaire-answers">
      {answered.map((question) => {
        const answer = answers[question.id];
        return (
          <Fragment key={question.id}>
            <FicheField label={question.label}>
              {describeAnswer(question, answer)}
              {answer.comment && <span className="muted"> — Commentaire : {answer.comment}</span>}
              {answer.document && (
                <span className="muted">
                  {' '}
                  — Document : <AnswerDocumentLink document={answer.document} />
                </span>
              )}
              {outdated && <span className="muted"> (réponse à une version dépassée)</span>}
            </FicheField>
          </Fragment>
        );
      })}
    </dl>
  );
}
