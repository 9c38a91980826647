import { useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { PROJECT_QUESTIONNAIRES_QUERY } from '../questionnaire-operations';
import { useThemes } from '../themes';
import { Alert } from './alert';
import { ThemeQuestionnaire } from './theme-questionnaire';

/** "Questionnaires": the état des lieux questionnaire of each of the project's themes that has one, answered as you go. */
export function QuestionnaireSection({ projectId }: { projectId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: PROJECT_QUESTIONNAIRES_QUERY, variables: { projectId }, requestPolicy: 'cache-and-network' });
  const { themeLabel } = useThemes();
  const project = data?.project;
  const questionnaires = data ? data.questionnaires.filter((q) => data.project.themes.includes(q.theme)) : [];
  return (
    <section className="fr-mt-4w fr-mb-4w" aria-labelledby="questionnaires-title">
      <h2 id="questionnaires-title">Questionnaires</h2>
      {!data && fetching && <p aria-live="polite">Chargement des questionnaires…</p>}
      <Alert message={error ? describeError(error) : null} prefix="Questionnaires indisponibles : " />
      {project && questionnaires.length === 0 && <p>Aucun questionnaire d'état des lieux pour les thèmes de ce projet.</p>}
      {project &&
        questionnaires.map((questionnaire) => (
          <ThemeQuestionnaire
            key={questionnaire.id}
            projectId={projectId}
            theme={questionnaire.theme}
            themeLabel={themeLabel(questionnaire.theme)}
            response={project.questionnaireAnswers.find((r) => r.questionnaire.id === questionnaire.id)}
            canEdit={project.viewerCan.edit}
            onReload={() => refetch({ requestPolicy: 'network-only' })}
          />
        ))}
    </section>
  );
}
