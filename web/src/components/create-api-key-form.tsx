import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation } from 'urql';
import { API_SCOPE_OPTIONS } from '../administration-labels';
import { CREATE_API_KEY_MUTATION } from '../administration-operations';
import { describeError } from '../graphql-errors';
import { Alert } from './alert';

/** Copies `text`: the Clipboard API, else the selected field and execCommand (older browsers, insecure origins). */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.select();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the fallback where the Clipboard API is refused
    return document.execCommand('copy');
  }
}

/** "Créer une clé": the programme's name and its scopes; the key is shown once, with "Copier la clé". */
export function CreateApiKeyForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['projects:read']);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CREATE_API_KEY_MUTATION);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    setCopied(null);
    if (!name.trim() || scopes.length === 0) {
      setProblem(!name.trim() ? 'Indiquez le nom du programme.' : 'Cochez au moins un droit.');
      return;
    }
    setProblem(null);
    const result = await create({ input: { name: name.trim(), scopes } });
    if (result.error) setProblem(`Création impossible : ${describeError(result.error)}.`);
    else if (result.data) {
      setCreated({ name: result.data.createApiKey.apiKey.name, key: result.data.createApiKey.key });
      setName('');
      onCreated();
      requestAnimationFrame(() => document.getElementById('new-key-title')?.focus());
    }
  }

  async function handleCopy() {
    if (!created) return;
    const ok = await copyText(created.key, document.getElementById('new-key') as HTMLInputElement | null);
    setCopied(ok ? 'Clé copiée dans le presse-papiers.' : 'Copie impossible : sélectionnez la clé et copiez-la (Ctrl+C).');
  }

  const toggle = (scope: string, checked: boolean) => setScopes((previous) => (checked ? [...previous, scope] : previous.filter((s) => s !== scope)));

  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-labelledby="create-key-title" className="fr-mt-4w" noValidate>
      <h3 id="create-key-title" className="fr-h6">
        Créer une clé
      </h3>
      <Input
        label="Programme"
        hintText="Qui utilisera la clé, ex. Petites villes de demain."
        nativeInputProps={{ id: 'key-name', value: name, autoComplete: 'off', onChange: (e) => setName(e.target.value) }}
      />
      <Checkbox
        legend="Droits de la clé"
        options={API_SCOPE_OPTIONS.map((option) => ({
          label: option.label,
          hintText: option.hint,
          nativeInputProps: { name: 'key-scopes', value: option.value, checked: scopes.includes(option.value), onChange: (e) => toggle(option.value, e.target.checked) },
        }))}
      />
      <Button type="submit" iconId="fr-icon-add-line" disabled={fetching}>
        {fetching ? 'Création…' : 'Créer la clé'}
      </Button>
      <Alert message={problem} />
      {created && (
        <div className="fr-alert fr-alert--success fr-mt-2w" data-testid="new-key">
          <h4 id="new-key-title" className="fr-alert__title" tabIndex={-1}>
            Clé de « {created.name} » créée
          </h4>
          <p>Elle ne sera plus jamais affichée : copiez-la maintenant et transmettez-la au programme par un canal sûr.</p>
          <Input label="Clé" nativeInputProps={{ id: 'new-key', value: created.key, readOnly: true, onFocus: (e) => e.target.select() }} />
          <Button type="button" priority="secondary" iconId="fr-icon-clipboard-line" onClick={() => void handleCopy()}>
            Copier la clé
          </Button>
          {copied && (
            <p role="status" className="fr-mt-1w">
              {copied}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
