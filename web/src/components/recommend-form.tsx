import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation } from 'urql';
import { describeError } from '../graphql-errors';
import { RECOMMEND_MUTATION, type RecommendInput } from '../recommendation-operations';
import { ficheHash } from '../use-hash-route';
import { Alert } from './alert';
import { ContactPicker, type PickedContact } from './contact-picker';
import { ProjectPicker, type PickedProject } from './project-picker';
import { ResourcePicker, type PickedResource } from './resource-picker';

interface RecommendFormProps {
  /** From a sheet: the resource recommended (the project is chosen here). */
  resource?: PickedResource;
  /** From a fiche: the project (a resource may be chosen here, or none: free advice). */
  project?: PickedProject;
  onCancel: () => void;
  /** After a recommendation is saved. */
  onDone?: () => void;
}

const PRIORITIES = [
  { value: 'HIGH', label: 'Haute' },
  { value: 'NORMAL', label: 'Normale' },
  { value: 'LOW', label: 'Basse' },
];

/**
 * "Recommander": a resource (or free advice) to a project, with why, what to do, a contact (from the
 * contact book, searched as you type, and/or in words), a deadline, a priority; published or kept as a draft.
 */
export function RecommendForm({ resource: fixedResource, project: fixedProject, onCancel, onDone }: RecommendFormProps) {
  const [project, setProject] = useState<PickedProject | null>(fixedProject ?? null);
  const [resource, setResource] = useState<PickedResource | null>(fixedResource ?? null);
  const [title, setTitle] = useState(fixedResource?.title ?? '');
  const [why, setWhy] = useState('');
  const [whatToDo, setWhatToDo] = useState('');
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [contactText, setContactText] = useState('');
  const [deadline, setDeadline] = useState('');
  const [priority, setPriority] = useState('NORMAL');
  const [publish, setPublish] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ project: PickedProject; published: boolean } | null>(null);
  const [{ fetching }, recommend] = useMutation(RECOMMEND_MUTATION);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!project) {
      setError('Choisissez le projet à qui recommander.');
      return;
    }
    if (!title.trim()) {
      setError('Donnez un intitulé à la recommandation.');
      return;
    }
    setError(null);
    const input: RecommendInput = {
      projectId: project.id,
      resourceId: resource?.id ?? null,
      title: title.trim(),
      why: why.trim() || null,
      whatToDo: whatToDo.trim() || null,
      contactId: contact?.id ?? null,
      contactText: contactText.trim() || null,
      deadline: deadline || null,
      priority: priority as RecommendInput['priority'],
      publish,
    };
    const result = await recommend({ input });
    if (result.error) setError(`Recommandation impossible : ${describeError(result.error)}.`);
    else {
      setSaved({ project, published: publish });
      onDone?.();
    }
  }

  if (saved)
    return (
      <div className="fr-alert fr-alert--success fr-mt-3w" role="status">
        <p>
          Recommandation {saved.published ? 'publiée' : 'enregistrée en brouillon'} pour « {saved.project.title} ». {!fixedProject && <a href={ficheHash(saved.project.id)}>Voir la fiche du projet</a>}
        </p>
        <Button type="button" size="small" priority="secondary" className="fr-mt-1w" onClick={onCancel}>
          Fermer
        </Button>
      </div>
    );

  return (
    <form className="fr-mt-3w recommend-form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-labelledby="recommend-title">
      <h2 id="recommend-title" className="fr-h4">
        Recommander
      </h2>
      {fixedProject ? (
        resource ? (
          <p>
            Ressource : <strong>{resource.title}</strong>{' '}
            <Button type="button" size="small" priority="tertiary" onClick={() => setResource(null)}>
              Retirer la ressource
            </Button>
          </p>
        ) : (
          <ResourcePicker
            onPick={(picked) => {
              setResource(picked);
              if (!title.trim()) setTitle(picked.title);
            }}
          />
        )
      ) : project ? (
        <p>
          Projet : <strong>{project.title}</strong>{' '}
          <Button type="button" size="small" priority="tertiary" onClick={() => setProject(null)}>
            Choisir un autre projet
          </Button>
        </p>
      ) : (
        <ProjectPicker onPick={setProject} />
      )}
      <Input label="Intitulé" nativeInputProps={{ id: 'recommend-title-input', value: title, maxLength: 200, onChange: (e) => setTitle(e.target.value) }} />
      <Input label="Pourquoi" textArea nativeTextAreaProps={{ id: 'recommend-why', value: why, rows: 3, maxLength: 5000, onChange: (e) => setWhy(e.target.value) }} />
      <Input label="Que faire" textArea nativeTextAreaProps={{ id: 'recommend-what', value: whatToDo, rows: 3, maxLength: 5000, onChange: (e) => setWhatToDo(e.target.value) }} />
      <fieldset className="fr-fieldset" data-testid="recommend-contact-book">
        <legend className="fr-fieldset__legend">Contact du carnet d'adresses (facultatif)</legend>
        {contact ? (
          <p>
            Contact : <strong>{contact.title}</strong>{' '}
            <Button type="button" size="small" priority="tertiary" onClick={() => setContact(null)}>
              Retirer le contact
            </Button>
          </p>
        ) : (
          <ContactPicker label="Chercher un contact" hintText="Une personne ou une organisation, par son nom" inputId="recommend-contact-search" kind="ANY" onPick={setContact} />
        )}
      </fieldset>
      <Input
        label="Contact"
        hintText="Ou en quelques mots : une personne, un service, un numéro"
        nativeInputProps={{ id: 'recommend-contact', value: contactText, maxLength: 500, onChange: (e) => setContactText(e.target.value) }}
      />
      <Input label="Échéance (facultatif)" nativeInputProps={{ id: 'recommend-deadline', type: 'date', value: deadline, onChange: (e) => setDeadline(e.target.value) }} />
      <Select label="Priorité" nativeSelectProps={{ id: 'recommend-priority', value: priority, onChange: (e) => setPriority(e.target.value) }}>
        {PRIORITIES.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <RadioButtons
        legend="Visibilité"
        name="recommend-visibility"
        options={[
          { label: 'Publier à la collectivité', nativeInputProps: { checked: publish, onChange: () => setPublish(true) } },
          { label: "Garder en brouillon (visible des seuls services de l'État)", nativeInputProps: { checked: !publish, onChange: () => setPublish(false) } },
        ]}
      />
      <Alert message={error} />
      <div className="button-row">
        <Button type="submit" disabled={fetching}>
          Envoyer la recommandation
        </Button>
        <Button type="button" priority="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
