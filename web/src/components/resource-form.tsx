import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation } from 'urql';
import { describeError, isConflict } from '../graphql-errors';
import { RESOURCE_KIND_OPTIONS } from '../library-labels';
import { CREATE_RESOURCE_MUTATION, UPDATE_RESOURCE_MUTATION, type ResourceKind, type ResourceSheet } from '../resource-operations';
import { useThemes } from '../themes';
import { LIBRARY_HASH, resourceHash } from '../use-hash-route';
import { Alert } from './alert';
import { ConflictAlert } from './conflict-alert';
import { ContactPicker } from './contact-picker';
import { TerritorySearch } from './territory-search';

interface ResourceFormProps {
  /** The sheet edited; none: a new sheet (saved as a draft). */
  resource?: ResourceSheet;
  onDone?: () => void;
  onCancel?: () => void;
}

/** A sheet may name at most this many contacts (the API's limit). */
const MAX_CONTACTS = 20;

/**
 * "Nouvelle fiche" or "Modifier la fiche": title, summary, Markdown body, kind, themes, départements,
 * the provider organisation and the contacts (from the contact book, searched as you type), link; an
 * edit is sent with the version read.
 */
export function ResourceForm({ resource, onDone, onCancel }: ResourceFormProps) {
  const { themes } = useThemes();
  const [title, setTitle] = useState(resource?.title ?? '');
  const [summary, setSummary] = useState(resource?.summary ?? '');
  const [body, setBody] = useState(resource?.body ?? '');
  const [kind, setKind] = useState<string>(resource?.kind ?? 'GUIDE');
  const [chosenThemes, setChosenThemes] = useState<string[]>(resource?.themes ?? []);
  const [territories, setTerritories] = useState(resource?.territories?.map(({ id, name }) => ({ id, name })) ?? []);
  // Null while people-territories cannot answer: saving would clear them.
  const territoriesUnknown = resource !== undefined && resource.territories === null;
  const [url, setUrl] = useState(resource?.url ?? '');
  const [provider, setProvider] = useState(resource?.provider ? { id: resource.provider.id, name: resource.provider.name } : null);
  const [contacts, setContacts] = useState(resource?.contacts.map(({ id, name }) => ({ id, name })) ?? []);
  const [showErrors, setShowErrors] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [{ fetching: creating }, create] = useMutation(CREATE_RESOURCE_MUTATION);
  const [{ fetching: updating }, update] = useMutation(UPDATE_RESOURCE_MUTATION);
  const titleError = title.trim().length < 3 ? 'Le titre doit faire au moins 3 caractères.' : null;
  const summaryError = summary.trim() ? null : 'Résumez la ressource en deux ou trois phrases.';
  const heading = resource ? 'Modifier la fiche' : 'Nouvelle fiche';

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (titleError || summaryError) {
      setShowErrors(true);
      return;
    }
    if (territoriesUnknown) return;
    setError(null);
    const fields = {
      title: title.trim(),
      summary: summary.trim(),
      body,
      kind: kind as ResourceKind,
      themes: chosenThemes,
      territoryIds: territories.map((t) => t.id),
      url: url.trim() || null,
      providerId: provider?.id ?? null,
      contactIds: contacts.map((c) => c.id),
    };
    if (resource) {
      const result = await update({ id: resource.id, version: resource.version, input: fields });
      if (result.error && isConflict(result.error)) setConflict(true);
      else if (result.error) setError(`Enregistrement impossible : ${describeError(result.error)}.`);
      else onDone?.();
    } else {
      const result = await create({ input: fields });
      if (result.error) setError(`Création impossible : ${describeError(result.error)}.`);
      else if (result.data) window.location.hash = resourceHash(result.data.createResource.id);
    }
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} noValidate aria-labelledby="resource-form-title">
      <h1 id="resource-form-title">{heading}</h1>
      {conflict && <ConflictAlert onReload={() => onDone?.()} />}
      {!resource && <p>La fiche est enregistrée comme brouillon : vous la publierez ensuite.</p>}
      <Input
        label="Titre"
        state={showErrors && titleError ? 'error' : 'default'}
        stateRelatedMessage={titleError ?? undefined}
        nativeInputProps={{ id: 'resource-title-input', value: title, maxLength: 200, onChange: (e) => setTitle(e.target.value) }}
      />
      <Input
        label="Résumé"
        textArea
        state={showErrors && summaryError ? 'error' : 'default'}
        stateRelatedMessage={summaryError ?? undefined}
        nativeTextAreaProps={{ id: 'resource-summary', value: summary, maxLength: 600, rows: 3, onChange: (e) => setSummary(e.target.value) }}
      />
      <Input
        label="Contenu de la fiche"
        hintText="En Markdown : # titre, **gras**, *italique*, - liste, [lien](https://…)"
        textArea
        nativeTextAreaProps={{ id: 'resource-body', value: body, rows: 10, onChange: (e) => setBody(e.target.value) }}
      />
      <Select label="Type de ressource" nativeSelectProps={{ id: 'resource-kind', value: kind, onChange: (e) => setKind(e.target.value) }}>
        {RESOURCE_KIND_OPTIONS.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Thèmes</legend>
        <div className="theme-choices">
          {themes.map(({ slug, label }) => (
            <div key={slug} className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                type="checkbox"
                id={`resource-theme-${slug}`}
                checked={chosenThemes.includes(slug)}
                onChange={(e) => setChosenThemes((previous) => (e.target.checked ? [...previous, slug] : previous.filter((s) => s !== slug)))}
              />
              <label className="fr-label" htmlFor={`resource-theme-${slug}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Départements où elle s'applique (aucun : toute la France)</legend>
        <ul>
          {territories.map((t) => (
            <li key={t.id}>
              {t.name}{' '}
              <Button type="button" size="small" priority="tertiary" onClick={() => setTerritories((previous) => previous.filter((p) => p.id !== t.id))}>
                Retirer {t.name}
              </Button>
            </li>
          ))}
        </ul>
        <TerritorySearch
          label="Ajouter un département"
          kind="DEPARTEMENT"
          onPick={(t) => setTerritories((previous) => (previous.some((p) => p.id === t.id) ? previous : [...previous, { id: t.id, name: t.name }]))}
        />
      </fieldset>
      <fieldset className="fr-fieldset" data-testid="resource-provider">
        <legend className="fr-fieldset__legend">Organisation qui la propose (facultatif)</legend>
        {provider ? (
          <p>
            Fournisseur : <strong>{provider.name}</strong>{' '}
            <Button type="button" size="small" priority="tertiary" onClick={() => setProvider(null)}>
              Retirer le fournisseur
            </Button>
          </p>
        ) : (
          <ContactPicker
            label="Chercher l'organisation"
            hintText="Dans le carnet d'adresses : Cerema, ADEME, DDT…"
            inputId="resource-provider-search"
            kind="ORGANIZATION"
            onPick={(picked) => setProvider({ id: picked.id, name: picked.title })}
          />
        )}
      </fieldset>
      <fieldset className="fr-fieldset" data-testid="resource-contacts">
        <legend className="fr-fieldset__legend">Contacts (facultatif, {MAX_CONTACTS} au plus)</legend>
        {contacts.length > 0 && (
          <ul>
            {contacts.map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <Button type="button" size="small" priority="tertiary" onClick={() => setContacts((previous) => previous.filter((p) => p.id !== c.id))}>
                  Retirer {c.name}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {contacts.length < MAX_CONTACTS && (
          <ContactPicker
            key={contacts.length}
            label="Ajouter un contact"
            hintText="Une personne ou une organisation du carnet d'adresses, par son nom"
            inputId="resource-contact-search"
            kind="ANY"
            onPick={(picked) => setContacts((previous) => (previous.some((p) => p.id === picked.id) ? previous : [...previous, { id: picked.id, name: picked.title }]))}
          />
        )}
      </fieldset>
      <Input label="Lien (facultatif)" nativeInputProps={{ id: 'resource-url', type: 'url', value: url, onChange: (e) => setUrl(e.target.value), placeholder: 'https://' }} />
      <Alert message={territoriesUnknown ? 'Les départements de la fiche sont indisponibles pour le moment : réessayez plus tard pour l’enregistrer.' : error} />
      <div className="button-row">
        <Button type="submit" disabled={creating || updating || conflict || territoriesUnknown}>
          {resource ? 'Enregistrer' : 'Enregistrer le brouillon'}
        </Button>
        {onCancel ? (
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        ) : (
          <Button linkProps={{ href: LIBRARY_HASH }} priority="secondary">
            Annuler
          </Button>
        )}
      </div>
    </form>
  );
}
