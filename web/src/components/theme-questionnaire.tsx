import { useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { THEME_QUESTIONNAIRE_QUERY, type QuestionnaireResponse } from '../questionnaire-operations';
import { Alert } from './alert';
import { QuestionnaireForm } from './questionnaire-form';

interface ThemeQuestionnaireProps {
  projectId: string;
  theme: string;
  themeLabel: string;
  /** The project's latest answers to this theme's questionnaire, if any. */
  response: QuestionnaireResponse | undefined;
  canEdit: boolean;
  /** Reads the project's answers again. */
  onReload: () => void;
}

/** One theme's questionnaire: its current version read, then answered (or read) in `QuestionnaireForm`. */
export function ThemeQuestionnaire({ projectId, theme, themeLabel, response, canEdit, onReload }: ThemeQuestionnaireProps) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: THEME_QUESTIONNAIRE_QUERY, variables: { theme }, requestPolicy: 'cache-and-network' });
  const questionnaire = data?.questionnaire;
  if (!data && fetching) return <p aria-live="polite">Chargement du questionnaire « {themeLabel} »…</p>;
  if (error) return <Alert message={describeError(error)} prefix={`Questionnaire « ${themeLabel} » indisponible : `} />;
  if (!questionnaire) return null;
  return (
    <QuestionnaireForm
      // A new version (read after a conflict), or the project's answers arriving or becoming
      // outdated (the two queries answer in either order), start the form again from what the API holds.
      key={`${questionnaire.current.id}:${response?.id ?? 'none'}:${response?.outdated === true}`}
      projectId={projectId}
      themeLabel={themeLabel}
      current={questionnaire.current}
      response={response}
      canEdit={canEdit}
      onReload={() => {
        refetch({ requestPolicy: 'network-only' });
        onReload();
      }}
    />
  );
}
