import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { EMPTY_ANSWER, type DraftAnswer } from '../questionnaire-answers';
import { AnswerDocumentField } from './answer-document';
import type { Question } from '../questionnaire-operations';

interface QuestionFieldProps {
  projectId: string;
  /** Unique in the page (the questionnaire version's id): two themes' questionnaires may share question ids. */
  idPrefix: string;
  question: Question;
  answer: DraftAnswer | undefined;
  /** The answer as typed or chosen; `save` says whether to save it now (a choice) or later (words, saved on blur). */
  onChange: (answer: DraftAnswer, save: boolean) => void;
  /** Saves the answer as it stands (words and comments, on blur). */
  onBlur: () => void;
  disabled: boolean;
}

/** One question of a questionnaire: radio buttons, checkboxes or words, an optional comment and an optional document. */
export function QuestionField({ projectId, idPrefix, question, answer = EMPTY_ANSWER, onChange, onBlur, disabled }: QuestionFieldProps) {
  const [commenting, setCommenting] = useState(answer.comment !== '');
  const id = `question-${idPrefix}-${question.id}`;
  const hint = question.help ?? undefined;
  return (
    <div className="question fr-mb-3w" data-testid="question" data-question={question.id}>
      {question.kind === 'SINGLE_CHOICE' && (
        <RadioButtons
          legend={question.label}
          hintText={hint}
          name={id}
          disabled={disabled}
          options={question.choices.map((choice) => ({
            label: choice.label,
            nativeInputProps: { value: choice.value, checked: answer.choices.includes(choice.value), onChange: () => onChange({ ...answer, choices: [choice.value] }, true) },
          }))}
        />
      )}
      {question.kind === 'MULTIPLE_CHOICE' && (
        <Checkbox
          legend={question.label}
          hintText={hint}
          disabled={disabled}
          options={question.choices.map((choice) => ({
            label: choice.label,
            nativeInputProps: {
              value: choice.value,
              checked: answer.choices.includes(choice.value),
              onChange: (event) => onChange({ ...answer, choices: event.target.checked ? [...answer.choices, choice.value] : answer.choices.filter((value) => value !== choice.value) }, true),
            },
          }))}
        />
      )}
      {question.kind === 'TEXT' && (
        <Input
          label={question.label}
          hintText={hint}
          textArea
          disabled={disabled}
          nativeTextAreaProps={{ id, value: answer.text, rows: 3, maxLength: 5000, onChange: (e) => onChange({ ...answer, text: e.target.value }, false), onBlur }}
        />
      )}
      {commenting ? (
        <Input
          label="Commentaire (facultatif)"
          disabled={disabled}
          nativeInputProps={{ id: `${id}-comment`, value: answer.comment, maxLength: 2000, onChange: (e) => onChange({ ...answer, comment: e.target.value }, false), onBlur }}
        />
      ) : (
        !disabled && (
          <Button type="button" size="small" priority="tertiary no outline" iconId="fr-icon-chat-3-line" onClick={() => setCommenting(true)}>
            Ajouter un commentaire
          </Button>
        )
      )}
      <AnswerDocumentField projectId={projectId} id={id} document={answer.document} disabled={disabled} onChange={(document) => onChange({ ...answer, document }, true)} />
    </div>
  );
}
