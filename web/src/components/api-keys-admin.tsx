import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useMutation, useQuery } from 'urql';
import { formatScope } from '../administration-labels';
import { API_KEYS_QUERY, REVOKE_API_KEY_MUTATION, type AdministeredApiKey } from '../administration-operations';
import { formatDate } from '../format';
import { describeError } from '../graphql-errors';
import { Alert } from './alert';
import { CreateApiKeyForm } from './create-api-key-form';

/** The DSFR modal confirming a revocation (it names the key chosen). */
const revokeModal = createModal({ id: 'revoquer-cle', isOpenedByDefault: false });

/** "Clés d'API des programmes": the keys (name, prefix, scopes, dates), revoked after confirmation, and the form creating one. */
export function ApiKeysAdmin() {
  const [{ data, fetching, error }, reload] = useQuery({ query: API_KEYS_QUERY, variables: {}, requestPolicy: 'cache-and-network' });
  const [{ fetching: revoking }, revoke] = useMutation(REVOKE_API_KEY_MUTATION);
  const [chosen, setChosen] = useState<AdministeredApiKey | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const keys = data?.apiKeys.edges.map((edge) => edge.node) ?? [];
  const forbidden = error?.graphQLErrors.some((e) => e.extensions.code === 'FORBIDDEN') ?? false;

  async function handleRevoke() {
    if (!chosen) return;
    setFailure(null);
    const result = await revoke({ id: chosen.id });
    revokeModal.close();
    if (result.error) setFailure(`Révocation impossible : ${describeError(result.error)}.`);
    else setDone(`Clé « ${chosen.name} » révoquée : elle est refusée dès maintenant.`);
  }

  if (forbidden) return <p className="fr-text--lg">Cette page est réservée aux agents nationaux de l'ANCT.</p>;
  return (
    <section aria-labelledby="keys-title" className="fr-mb-4w">
      <h2 id="keys-title">
        Clés d'API des programmes <span className="count">({keys.length})</span>
      </h2>
      <p className="muted">Un programme appelle l'API avec sa clé (en-tête « Authorization: Bearer hubk_… ») ; il ne lit que ce que ses droits permettent.</p>
      {done && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-my-2w" role="status">
          <p>{done}</p>
        </div>
      )}
      <Alert message={failure} />
      {keys.length > 0 && (
        <div className="fr-table fr-table--no-caption hub-admin-table">
          <table>
            <caption>Clés d'API</caption>
            <thead>
              <tr>
                <th scope="col">Programme</th>
                <th scope="col">Droits</th>
                <th scope="col">Créée le</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-testid="api-key-row">
                  <td>
                    <strong>{key.name}</strong>
                    <br />
                    <span className="muted">hubk_{key.prefix}_…</span>
                  </td>
                  <td>{key.scopes.map(formatScope).join(', ')}</td>
                  <td>{formatDate(key.createdAt)}</td>
                  <td>
                    {key.revokedAt ? (
                      <span className="fr-badge fr-badge--sm fr-badge--error">Révoquée le {formatDate(key.revokedAt)}</span>
                    ) : (
                      <>
                        <span className="fr-badge fr-badge--sm fr-badge--success">Active</span>{' '}
                        <Button
                          type="button"
                          priority="tertiary"
                          size="small"
                          nativeButtonProps={{ ...revokeModal.buttonProps, id: `revoquer-${key.id}`, 'aria-label': `Révoquer la clé « ${key.name} »` }}
                          onClick={() => {
                            setDone(null);
                            setChosen(key);
                          }}
                        >
                          Révoquer
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!fetching && !error && keys.length === 0 && <p className="muted">Aucune clé pour le moment.</p>}
      {fetching && keys.length === 0 && <p aria-live="polite">Chargement…</p>}
      <Alert message={error && describeError(error)} prefix="Liste impossible : " />
      <CreateApiKeyForm onCreated={() => reload({ requestPolicy: 'network-only' })} />
      <revokeModal.Component
        title="Révoquer la clé"
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: revoking ? 'Révocation…' : 'Révoquer la clé', doClosesModal: false, disabled: revoking, onClick: () => void handleRevoke() },
        ]}
      >
        <p>Le programme « {chosen?.name} » ne pourra plus appeler l'API avec cette clé, dès maintenant. Une clé révoquée ne peut pas être réactivée : créez-en une nouvelle au besoin.</p>
      </revokeModal.Component>
    </section>
  );
}
