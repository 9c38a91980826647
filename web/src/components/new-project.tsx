import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { useMutation } from 'urql';
import { diagnosticInput, EMPTY_DIAGNOSTIC, isEmptyDraft, type DiagnosticDraft } from '../diagnostic-draft';
import { describeError } from '../graphql-errors';
import { CREATE_PROJECT_MUTATION, UPDATE_DIAGNOSTIC_MUTATION } from '../project-edit-mutations';
import { draftErrors, EMPTY_PROJECT, fieldsInput, type PickedTerritory, type ProjectDraft } from '../project-draft';
import { ficheHash, LIST_HASH } from '../use-hash-route';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { DiagnosticFields } from './diagnostic-fields';
import { ProjectFields } from './project-fields';
import { TerritorySearch } from './territory-search';

const STEPS = ['Territoire', 'Le projet', 'Budget et calendrier', 'État des lieux'];

/**
 * "Nouveau projet" (`#/nouveau-projet`): a guided form in four steps, saved as a draft of the
 * viewer's collectivité (createProject, then updateDiagnostic); its fiche then offers "Déposer le projet".
 */
export function NewProject({ viewer }: { viewer: Viewer }) {
  const home = viewer.collectivites.at(0)?.territory ?? null;
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<'COMMUNE' | 'EPCI'>('COMMUNE');
  const [territory, setTerritory] = useState<PickedTerritory | null>(null);
  const [project, setProject] = useState<ProjectDraft>(EMPTY_PROJECT);
  const [diagnostic, setDiagnostic] = useState<DiagnosticDraft>(EMPTY_DIAGNOSTIC);
  const [showErrors, setShowErrors] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [{ fetching: creating }, createProject] = useMutation(CREATE_PROJECT_MUTATION);
  const [{ fetching: saving }, updateDiagnostic] = useMutation(UPDATE_DIAGNOSTIC_MUTATION);
  const main = territory ?? home;

  if (!viewer.isCollectivite) return <Alert message="Seuls les agents d'une collectivité créent des projets." />;

  /** Whether the current step may be left forward; shows its errors otherwise. */
  function stepIsValid(): boolean {
    const errors = draftErrors(project);
    const invalid = (step === 0 && !main) || (step === 1 && errors.title !== undefined) || (step === 2 && (errors.budget !== undefined || errors.dates !== undefined));
    setShowErrors(invalid);
    return !invalid;
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stepIsValid()) return;
    if (step < STEPS.length - 1) {
      setStep(step + 1);
      return;
    }
    if (!main || Object.keys(draftErrors(project)).length > 0) return;
    setError(null);
    const result = await createProject({ input: { ...fieldsInput(project), territoryId: main.id } });
    const saved = result.data?.createProject;
    if (!saved) {
      setError(`Le projet n'a pas été enregistré : ${result.error ? describeError(result.error) : 'réponse vide'}.`);
      return;
    }
    if (!isEmptyDraft(diagnostic)) {
      const withDiagnostic = await updateDiagnostic({ id: saved.id, version: saved.version, input: diagnosticInput(diagnostic) });
      if (withDiagnostic.error) {
        setCreated(saved.id);
        setError(`Le brouillon est enregistré, mais pas son état des lieux : ${describeError(withDiagnostic.error)}. Complétez-le depuis la fiche.`);
        return;
      }
    }
    window.location.hash = ficheHash(saved.id);
  }

  const pending = creating || saving;
  return (
    <section aria-labelledby="new-project-title">
      <h1 id="new-project-title">Nouveau projet</h1>
      <p>Le projet est enregistré comme brouillon : vous le relirez sur sa fiche avant de le déposer auprès des services de l'État.</p>
      <Stepper currentStep={step + 1} stepCount={STEPS.length} title={STEPS[step]} nextTitle={STEPS[step + 1]} />
      <form onSubmit={(event) => void handleSubmit(event)} noValidate aria-label={`Nouveau projet, étape ${step + 1} sur ${STEPS.length} : ${STEPS[step]}`}>
        {step === 0 && (
          <>
            <RadioButtons
              legend="Le projet est porté par"
              name="territory-kind"
              orientation="horizontal"
              options={[
                { label: 'une commune', nativeInputProps: { value: 'COMMUNE', checked: kind === 'COMMUNE', onChange: () => setKind('COMMUNE') } },
                { label: 'un EPCI (intercommunalité)', nativeInputProps: { value: 'EPCI', checked: kind === 'EPCI', onChange: () => setKind('EPCI') } },
              ]}
            />
            <TerritorySearch
              label={kind === 'COMMUNE' ? 'Commune où le projet est porté' : 'EPCI qui porte le projet'}
              hint={kind === 'COMMUNE' ? 'Nom, code INSEE ou code postal.' : 'Nom ou SIREN.'}
              kind={kind}
              onPick={(picked) => setTerritory({ id: picked.id, name: picked.name })}
            />
            <p className={showErrors && !main ? 'fr-error-text' : 'fr-text--lg'} aria-live="polite">
              {main ? (
                <>
                  Territoire principal : <strong>{main.name}</strong>
                </>
              ) : (
                'Choisissez le territoire principal du projet dans la liste des résultats.'
              )}
            </p>
          </>
        )}
        {step === 1 && <ProjectFields part="project" value={project} onChange={setProject} showErrors={showErrors} />}
        {step === 2 && <ProjectFields part="budget" value={project} onChange={setProject} showErrors={showErrors} />}
        {step === 3 && <DiagnosticFields value={diagnostic} onChange={setDiagnostic} disabled={pending} />}
        <Alert message={error} />
        {created && (
          <p>
            <a href={ficheHash(created)}>Ouvrir la fiche du projet</a>
          </p>
        )}
        <div className="button-row fr-mt-3w">
          {step > 0 && (
            <Button type="button" priority="secondary" onClick={() => setStep(step - 1)} disabled={pending}>
              Étape précédente
            </Button>
          )}
          <Button type="submit" disabled={pending || created !== null}>
            {step < STEPS.length - 1 ? 'Étape suivante' : 'Enregistrer le brouillon'}
          </Button>
          <Button priority="tertiary" linkProps={{ href: LIST_HASH }}>
            Annuler
          </Button>
        </div>
        {pending && <p aria-live="polite">Enregistrement…</p>}
      </form>
    </section>
  );
}
