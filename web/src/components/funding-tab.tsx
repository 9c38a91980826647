import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { useMutation, useQuery } from 'urql';
import { formatApplicationStatus, formatDay, formatEuros } from '../format';
import { PREPARE_FUNDING_APPLICATION_MUTATION, PROJECT_FUNDING_QUERY, REFRESH_FUNDING_APPLICATIONS_MUTATION } from '../funding-operations';
import { describeError } from '../graphql-errors';
import { Alert } from './alert';
import { FundingOpportunityCard } from './funding-opportunity-card';

type Kind = 'FINANCIAL' | 'ENGINEERING' | null;

interface FundingTabProps {
  projectId: string;
  /** Whether the viewer may prepare dossiers (the collectivité, who may edit the fiche). */
  canApply: boolean;
}

/**
 * "Financements": the aids that fit the project, best first, with why each fits (financial /
 * engineering filter), "Préparer mon dossier" for a démarche the hub pre-fills on Démarches
 * Simplifiées, and the project's dossiers with their state.
 */
export function FundingTab({ projectId, canApply }: FundingTabProps) {
  const [kind, setKind] = useState<Kind>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PROJECT_FUNDING_QUERY, variables: { id: projectId, kind }, requestPolicy: 'cache-and-network' });
  const [prepared, prepare] = useMutation(PREPARE_FUNDING_APPLICATION_MUTATION);
  const [refreshed, refresh] = useMutation(REFRESH_FUNDING_APPLICATIONS_MUTATION);
  const [outcome, setOutcome] = useState<{ url: string } | { message: string; missing: string[] } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const opportunities = data?.project.fundingOpportunities?.edges.map((edge) => edge.node) ?? [];
  const applications = data?.project.fundingApplications ?? [];

  async function handlePrepare(procedure: string) {
    setOutcome(null);
    setActionError(null);
    const result = await prepare({ projectId, procedure });
    const answer = result.data?.prepareFundingApplication;
    if (!answer) {
      setActionError(`Préparation impossible : ${result.error ? describeError(result.error) : 'réponse vide'}.`);
      return;
    }
    if (answer.__typename === 'FundingApplicationPrepared') {
      setOutcome({ url: answer.url });
      reexecute({ requestPolicy: 'network-only' });
    } else setOutcome({ message: answer.message, missing: answer.missing.map((item) => `${item.champ} : ${item.message}`) });
  }

  async function handleRefresh() {
    setActionError(null);
    const result = await refresh({ projectId });
    if (result.error) setActionError(`Mise à jour impossible : ${describeError(result.error)}.`);
    else reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <h2>Aides qui correspondent au projet</h2>
      <SegmentedControl
        legend="Type d'aide"
        segments={[
          { label: 'Toutes', nativeInputProps: { checked: kind === null, onChange: () => setKind(null) } },
          { label: 'Financières', nativeInputProps: { checked: kind === 'FINANCIAL', onChange: () => setKind('FINANCIAL') } },
          { label: 'Ingénierie', nativeInputProps: { checked: kind === 'ENGINEERING', onChange: () => setKind('ENGINEERING') } },
        ]}
      />
      {fetching && !data && <p aria-live="polite">Recherche des aides…</p>}
      <Alert message={error && describeError(error)} prefix="Les aides ne peuvent pas être affichées : " />
      {data && data.project.fundingOpportunities === null && <Alert message="Aides-Territoires ne répond pas pour le moment : réessayez dans quelques minutes." />}
      {data && opportunities.length === 0 && data.project.fundingOpportunities !== null && (
        <p>Aucune aide ne correspond pour l'instant : ajoutez des thématiques ou précisez la phase du projet dans sa présentation.</p>
      )}
      <ul className="plain" data-testid="funding-opportunities">
        {opportunities.map((opportunity) => (
          <li key={opportunity.id} className="fr-mb-2w">
            <FundingOpportunityCard opportunity={opportunity} />
          </li>
        ))}
      </ul>

      <h2 className="fr-mt-4w">Préparer mon dossier sur Démarches Simplifiées</h2>
      {canApply ? (
        <>
          <p>Le dossier est pré-rempli avec les données du projet ; vous le complétez et le déposez sur Démarches Simplifiées.</p>
          <ul className="plain">
            {(data?.fundingProcedures ?? []).map((procedure) => (
              <li key={procedure.key} className="fr-mb-2w">
                <strong>{procedure.name}</strong>
                <p className="fr-text--sm fr-mb-1w">{procedure.description}</p>
                <Button
                  type="button"
                  size="small"
                  priority="secondary"
                  disabled={prepared.fetching}
                  onClick={() => void handlePrepare(procedure.key)}
                  nativeButtonProps={{ 'aria-label': `Préparer mon dossier : ${procedure.name}` }}
                >
                  Préparer mon dossier
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Seule la collectivité qui porte le projet prépare ses dossiers.</p>
      )}
      {prepared.fetching && <p aria-live="polite">Préparation du dossier…</p>}
      {outcome && 'url' in outcome && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status">
          <p>
            Dossier pré-rempli.{' '}
            <a href={outcome.url} target="_blank" rel="noopener noreferrer">
              Ouvrir le dossier sur Démarches Simplifiées (nouvelle fenêtre)
            </a>
          </p>
        </div>
      )}
      {outcome && 'missing' in outcome && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" role="alert">
          <p>{outcome.message}</p>
          <ul>
            {outcome.missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <Alert message={actionError} />

      <h2 className="fr-mt-4w">Mes dossiers</h2>
      {data && data.project.fundingApplications === null && <Alert message="L'état des dossiers ne peut pas être lu pour le moment : réessayez plus tard." />}
      {applications.length === 0 ? (
        <p>Aucun dossier préparé pour ce projet.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table data-testid="funding-applications">
            <caption>Dossiers de financement</caption>
            <thead>
              <tr>
                <th scope="col">Démarche</th>
                <th scope="col">Dossier</th>
                <th scope="col">État</th>
                <th scope="col">Montants</th>
                <th scope="col">Mis à jour le</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((application) => (
                <tr key={application.id}>
                  <td>{data?.fundingProcedures?.find((procedure) => procedure.key === application.procedure)?.name ?? application.procedure}</td>
                  <td>
                    <a href={application.dossierUrl} target="_blank" rel="noopener noreferrer" title={`Dossier n° ${application.dossierNumber} - nouvelle fenêtre`}>
                      n° {application.dossierNumber}
                    </a>
                  </td>
                  <td>{formatApplicationStatus(application.status)}</td>
                  <td>
                    {application.amountRequested !== null && `demandé ${formatEuros(application.amountRequested)}`}
                    {application.amountGranted !== null && ` · accordé ${formatEuros(application.amountGranted)}`}
                  </td>
                  <td>{formatDay(application.updatedAt.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {applications.length > 0 && (
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-refresh-line" disabled={refreshed.fetching} onClick={() => void handleRefresh()}>
          Actualiser l'état des dossiers
        </Button>
      )}
    </>
  );
}
