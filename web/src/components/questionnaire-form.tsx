import { useRef, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from 'urql';
import { formatDateTime } from '../format';
import { describeError, isConflict } from '../graphql-errors';
import { EMPTY_ANSWER, answerInput, carryOver, draftsOf, pruneHidden, questionsOf, shownQuestions, type DraftAnswer, type DraftAnswers } from '../questionnaire-answers';
import { ANSWER_QUESTIONNAIRE_MUTATION, type QuestionnaireResponse, type QuestionnaireVersion } from '../questionnaire-operations';
import { Alert } from './alert';
import { QuestionField } from './question-field';
import { QuestionnaireAnswers } from './questionnaire-answers';

interface QuestionnaireFormProps {
  projectId: string;
  themeLabel: string;
  /** The questionnaire's current version (the one answers go to). */
  current: QuestionnaireVersion;
  /** The project's latest answers to this questionnaire, if any (maybe to an older version). */
  response: QuestionnaireResponse | undefined;
  canEdit: boolean;
  /** Reads the questionnaires and answers again (after a version conflict). */
  onReload: () => void;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string } | { kind: 'conflict' };

/**
 * One theme's questionnaire, saved as you go: a choice is saved when made, words and comments
 * when the field is left. Conditional questions appear and disappear with the answers they
 * depend on (the API drops the answers they no longer need). Read only for those who may not edit.
 */
export function QuestionnaireForm({ projectId, themeLabel, current, response, canEdit, onReload }: QuestionnaireFormProps) {
  const outdated = response?.outdated === true;
  const [answers, setAnswers] = useState<DraftAnswers>(() => {
    if (!response) return {};
    return outdated ? carryOver(current.sets, draftsOf(response.answers)) : draftsOf(response.answers);
  });
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [, answer] = useMutation(ANSWER_QUESTIONNAIRE_MUTATION);
  // Answers changed here and not saved yet (words being typed), by question.
  const dirty = useRef(new Set<string>());
  const pending = useRef(0);
  // The answers as last changed (a save reads them after the render that showed them).
  const latest = useRef(answers);
  const questions = questionsOf(current.sets);
  const shown = shownQuestions(current.sets, answers);
  const headingId = `questionnaire-${current.id}`;

  async function save(questionId: string, draft: DraftAnswer | undefined) {
    const question = questions.find((q) => q.id === questionId);
    if (!question) return;
    dirty.current.delete(questionId);
    pending.current += 1;
    setState({ kind: 'saving' });
    const result = await answer({ input: { projectId, questionnaireVersionId: current.id, answers: [answerInput(question, draft ?? EMPTY_ANSWER)] } });
    pending.current -= 1;
    if (result.error) {
      setState(isConflict(result.error) ? { kind: 'conflict' } : { kind: 'error', message: describeError(result.error) });
      return;
    }
    if (pending.current === 0) setState({ kind: 'saved', at: result.data?.answerQuestionnaire.updatedAt ?? new Date().toISOString() });
  }

  function handleChange(questionId: string, draft: DraftAnswer, saveNow: boolean) {
    const next = pruneHidden(current.sets, { ...latest.current, [questionId]: draft });
    latest.current = next;
    setAnswers(next);
    if (saveNow) void save(questionId, draft);
    else dirty.current.add(questionId);
  }

  function handleBlur(questionId: string) {
    if (dirty.current.has(questionId)) void save(questionId, latest.current[questionId]);
  }

  return (
    <section className="questionnaire fr-mb-4w" aria-labelledby={headingId} data-testid="questionnaire">
      <h3 id={headingId} className="fr-h5 fr-mb-1w">
        {current.title} <span className="muted fr-text--sm">({themeLabel})</span>
      </h3>
      {current.description && <p className="fr-text--sm">{current.description}</p>}
      {response?.outdated && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="questionnaire-outdated">
          <p>
            Les réponses enregistrées portent sur la version {response.version.version} de ce questionnaire, qui a changé depuis (version {current.version}).{' '}
            {canEdit ? 'Celles qui s’appliquent encore sont reprises ci-dessous : elles passeront à la nouvelle version dès votre prochaine réponse.' : ''}
          </p>
        </div>
      )}
      {!canEdit ? (
        response ? (
          <QuestionnaireAnswers version={current} answers={answers} outdated={outdated} />
        ) : (
          <p>Ce questionnaire n'a pas encore été rempli.</p>
        )
      ) : (
        <>
          {current.sets.map((set, index) => (
            <fieldset key={index} className="fr-fieldset questionnaire-set" aria-labelledby={`${headingId}-set-${index}`}>
              <legend id={`${headingId}-set-${index}`} className="fr-fieldset__legend fr-text--lead">
                {set.title}
              </legend>
              <div className="fr-fieldset__element">
                {set.questions
                  .filter((q) => shown.has(q.id))
                  .map((question) => (
                    <QuestionField
                      key={question.id}
                      projectId={projectId}
                      idPrefix={current.id}
                      question={question}
                      answer={answers[question.id]}
                      disabled={state.kind === 'conflict'}
                      onChange={(draft, saveNow) => handleChange(question.id, draft, saveNow)}
                      onBlur={() => handleBlur(question.id)}
                    />
                  ))}
              </div>
            </fieldset>
          ))}
          <p className="fr-text--sm save-status" role="status" data-testid="save-status">
            {state.kind === 'saving' && 'Enregistrement…'}
            {state.kind === 'saved' && `Enregistré (${formatDateTime(state.at)})`}
            {state.kind === 'idle' && 'Vos réponses sont enregistrées au fur et à mesure.'}
          </p>
          <Alert message={state.kind === 'error' ? `Réponse non enregistrée : ${state.message}.` : null} />
          {state.kind === 'conflict' && (
            <div className="fr-alert fr-alert--warning fr-mb-2w" role="alert">
              <h4 className="fr-alert__title">Le questionnaire a changé entre-temps</h4>
              <p>
                Une nouvelle version de ce questionnaire a été publiée pendant que vous répondiez (ou le projet ne peut plus être modifié) : votre dernière réponse n'a pas été enregistrée. Rechargez
                le questionnaire : vos réponses qui s'appliquent encore sont reprises, vous pourrez compléter les nouvelles questions.
              </p>
              <Button type="button" size="small" priority="secondary" className="fr-mt-1w" onClick={onReload}>
                Recharger le questionnaire
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
