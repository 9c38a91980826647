import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { NOTIFICATION_FREQUENCY_QUERY, SET_NOTIFICATION_FREQUENCY_MUTATION } from '../notification-operations';
import { Alert } from './alert';

type Frequency = 'IMMEDIATE' | 'DAILY_DIGEST';

const CHOICES: { value: Frequency; label: string; hint: string }[] = [
  { value: 'IMMEDIATE', label: 'Immédiatement', hint: 'Un courriel à chaque événement : projet déposé, attribué, nouveau message.' },
  { value: 'DAILY_DIGEST', label: 'Un résumé par jour', hint: 'Un seul courriel par jour, qui reprend tous les événements de la veille.' },
];

/**
 * "Mes préférences de notification" (`#/preferences-notification`): immediate e-mails or a daily
 * digest (`setNotificationFrequency`). `embedded`: the same form as a section of "Mon compte"
 * (an `h2`, "Notifications par courriel").
 */
export function NotificationPreferences({ embedded = false }: { embedded?: boolean }) {
  const [{ data, fetching, error }] = useQuery({ query: NOTIFICATION_FREQUENCY_QUERY, requestPolicy: 'cache-and-network' });
  const [{ fetching: saving }, save] = useMutation(SET_NOTIFICATION_FREQUENCY_MUTATION);
  const [choice, setChoice] = useState<Frequency | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = data?.me.notificationFrequency ?? null;
  const selected = choice ?? current ?? 'IMMEDIATE';

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const result = await save({ frequency: selected });
    if (result.error) setFailure(`Enregistrement impossible : ${describeError(result.error)}.`);
    else setSaved(true);
  }

  return (
    <section aria-labelledby="preferences-title">
      {embedded ? <h2 id="preferences-title">Notifications par courriel</h2> : <h1 id="preferences-title">Mes préférences de notification</h1>}
      <p>Vous êtes averti·e par courriel{data?.me.email ? ` (${data.me.email})` : ''} quand un projet que vous suivez est déposé, vous est attribué ou reçoit un message.</p>
      {fetching && !data && <p aria-live="polite">Chargement…</p>}
      <Alert message={error && describeError(error)} prefix="Préférences indisponibles : " />
      {data && (
        <form onSubmit={(event) => void handleSubmit(event)} aria-labelledby="preferences-title">
          <RadioButtons
            legend="Recevoir les notifications"
            name="notification-frequency"
            options={CHOICES.map(({ value, label, hint }) => ({
              label,
              hintText: hint,
              nativeInputProps: {
                value,
                checked: selected === value,
                onChange: () => {
                  setChoice(value);
                  setSaved(false);
                },
              },
            }))}
          />
          <Button type="submit" disabled={saving}>
            Enregistrer mes préférences
          </Button>
          {saved && (
            <div className="fr-alert fr-alert--success fr-alert--sm fr-mt-2w" role="status">
              <p>Préférences enregistrées : {CHOICES.find((c) => c.value === selected)?.label.toLowerCase()}.</p>
            </div>
          )}
          <Alert message={failure} />
        </form>
      )}
    </section>
  );
}
