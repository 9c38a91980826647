import { useState } from 'react';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { Viewer } from '../use-viewer';
import { ApiKeysAdmin } from './api-keys-admin';
import { InvitePersonForm } from './invite-person-form';
import { PeopleAdmin } from './people-admin';

const TABS = [
  { tabId: 'personnes', label: 'Personnes' },
  { tabId: 'cles', label: "Clés d'API" },
];

/**
 * "Administration" (ANCT national agents; anyone else is told so, and the API refuses them anyway:
 * its FORBIDDEN is shown the same way):
 * people (search, invite, suspend, reactivate) and programmes' API keys (create, revoke).
 */
export function Administration({ viewer }: { viewer: Viewer }) {
  const [tab, setTab] = useState('personnes');
  if (viewer.id === null) return <p aria-live="polite">Chargement…</p>;
  if (!viewer.isAdministrator) return <p className="fr-text--lg">Cette page est réservée aux agents nationaux de l'ANCT.</p>;
  return (
    <div className="hub-admin">
      <h1>Administration</h1>
      <p className="muted">Les comptes des agents et les clés d'API des programmes partenaires.</p>
      <Tabs label="Rubriques de l'administration" tabs={TABS} selectedTabId={tab} onTabChange={setTab}>
        {tab === 'personnes' && (
          <>
            {/* An invitation invalidates the lists of people in urql's cache: the list is read again. */}
            <PeopleAdmin viewerId={viewer.id} />
            <InvitePersonForm />
          </>
        )}
        {tab === 'cles' && <ApiKeysAdmin />}
      </Tabs>
    </div>
  );
}
