import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { PHASE_OPTIONS } from '../format';
import { draftErrors, type ProjectDraft } from '../project-draft';
import { useThemes } from '../themes';
import { TerritorySearch } from './territory-search';

interface ProjectFieldsProps {
  value: ProjectDraft;
  onChange: (value: ProjectDraft) => void;
  /** Which part of the form: the project itself, or its budget and dates. */
  part: 'project' | 'budget';
  /** Show the errors of the fields (after a first attempt). */
  showErrors: boolean;
}

/** The fiche's fields (new project and edit), in two parts. */
export function ProjectFields({ value, onChange, part, showErrors }: ProjectFieldsProps) {
  const { themes } = useThemes();
  const errors = showErrors ? draftErrors(value) : {};
  const set = (field: 'title' | 'description' | 'phase' | 'programmes' | 'budget' | 'startDate' | 'endDate') => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value });

  if (part === 'budget') {
    return (
      <>
        <Input
          label="Budget estimé (en euros)"
          hintText="Coût total du projet, en chiffres, ex. 150000."
          state={errors.budget ? 'error' : 'default'}
          stateRelatedMessage={errors.budget}
          nativeInputProps={{ id: 'project-budget', inputMode: 'decimal', value: value.budget, onChange: set('budget') }}
        />
        <Input label="Début prévu" nativeInputProps={{ id: 'project-start', type: 'date', value: value.startDate, onChange: set('startDate') }} />
        <Input
          label="Fin prévue"
          state={errors.dates ? 'error' : 'default'}
          stateRelatedMessage={errors.dates}
          nativeInputProps={{ id: 'project-end', type: 'date', value: value.endDate, onChange: set('endDate') }}
        />
      </>
    );
  }
  return (
    <>
      <Input
        label="Titre du projet"
        hintText="200 caractères au plus."
        state={errors.title ? 'error' : 'default'}
        stateRelatedMessage={errors.title}
        nativeInputProps={{ id: 'project-title', value: value.title, onChange: set('title'), maxLength: 200, required: true }}
      />
      <Input label="Description" textArea nativeTextAreaProps={{ id: 'project-description', value: value.description, onChange: set('description'), rows: 4 }} />
      <div className="fr-mb-3w">
        <TerritorySearch
          label="Autres communes concernées (facultatif)"
          hint="Si le projet couvre plusieurs communes : tapez le nom, le code INSEE ou le code postal de chacune."
          kind="COMMUNE"
          onPick={(commune) => {
            if (!value.otherCommunes.some((other) => other.id === commune.id)) onChange({ ...value, otherCommunes: [...value.otherCommunes, { id: commune.id, name: commune.name }] });
          }}
        />
        {value.otherCommunes.length > 0 && (
          <ul className="fr-tags-group" aria-label="Autres communes concernées">
            {value.otherCommunes.map((commune) => (
              <li key={commune.id}>
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-close-line"
                  iconPosition="right"
                  title={`Retirer ${commune.name}`}
                  onClick={() => onChange({ ...value, otherCommunes: value.otherCommunes.filter((other) => other.id !== commune.id) })}
                >
                  {commune.name}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Checkbox
        legend="Thématiques"
        hintText="Elles servent à trouver les financements et l'agent de l'État qui suivra le projet."
        options={themes.map(({ slug, label }) => ({
          label,
          nativeInputProps: {
            name: 'themes',
            value: slug,
            checked: value.themes.includes(slug),
            onChange: (event) => onChange({ ...value, themes: event.target.checked ? [...value.themes, slug] : value.themes.filter((theme) => theme !== slug) }),
          },
        }))}
      />
      <RadioButtons
        legend="Phase"
        name="phase"
        orientation="horizontal"
        options={PHASE_OPTIONS.map(({ value: phase, label }) => ({ label, nativeInputProps: { value: phase, checked: value.phase === phase, onChange: set('phase') } }))}
      />
      <Input
        label="Programmes (facultatif)"
        hintText="Séparés par des virgules, ex. CRTE, Petites villes de demain."
        nativeInputProps={{ id: 'project-programmes', value: value.programmes, onChange: set('programmes') }}
      />
    </>
  );
}
