import type { FundingOpportunityNode } from '../funding-operations';
import { formatDay } from '../format';

/** One aid that fits the project: its name (a link to Aides-Territoires), kind, score and why it fits. */
export function FundingOpportunityCard({ opportunity }: { opportunity: FundingOpportunityNode }) {
  return (
    <article className="fr-p-2w funding-card" data-testid="funding-opportunity">
      <div className="item-head">
        <h3 className="fr-h6 fr-mb-1w">
          <a href={opportunity.url} target="_blank" rel="noopener noreferrer" title={`${opportunity.name} - nouvelle fenêtre`}>
            {opportunity.name}
          </a>
        </h3>
        <span>
          <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--purple-glycine">{opportunity.kind === 'ENGINEERING' ? 'Ingénierie' : 'Financement'}</span>{' '}
          {opportunity.score !== null && <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--info">Pertinence {opportunity.score} / 100</span>}
        </span>
      </div>
      {opportunity.financers.length > 0 && <p className="fr-text--sm fr-mb-1w">Porteur de l'aide : {opportunity.financers.join(', ')}</p>}
      {opportunity.reasons.length > 0 && (
        <>
          <p className="fr-text--sm fr-mb-0">Pourquoi cette aide :</p>
          <ul className="fr-text--sm">
            {opportunity.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      {opportunity.submissionDeadline && <p className="fr-text--sm fr-mb-0">Date limite : {formatDay(opportunity.submissionDeadline)}</p>}
      {opportunity.stale && <p className="fr-text--sm fr-mb-0">Données peut-être anciennes : Aides-Territoires ne répond pas.</p>}
    </article>
  );
}
