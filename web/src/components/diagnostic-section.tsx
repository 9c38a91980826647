import { formatEuros, formatMaturity } from '../format';
import type { Diagnostic } from '../project-fiche-query';
import { FicheField } from './fiche-field';

/** The état des lieux: needs, blockers, partners, financing plan, calendar, maturity. */
export function DiagnosticSection({ diagnostic }: { diagnostic: Diagnostic }) {
  const { financingPlan } = diagnostic;
  const total = financingPlan.reduce((sum, line) => sum + line.amountEuros, 0);
  return (
    <section className="fr-mb-4w" aria-labelledby="diagnostic-title">
      <h2 id="diagnostic-title">État des lieux</h2>
      <dl className="fiche-fields">
        <FicheField label="Besoins">{diagnostic.needs && <p className="text">{diagnostic.needs}</p>}</FicheField>
        <FicheField label="Freins">{diagnostic.blockers && <p className="text">{diagnostic.blockers}</p>}</FicheField>
        <FicheField label="Partenaires">{diagnostic.partners.join(', ')}</FicheField>
        <FicheField label="Plan de financement">
          {financingPlan.length > 0 && (
            <table className="financing fr-table">
              <thead>
                <tr>
                  <th>Financeur</th>
                  <th className="amount">Montant</th>
                  <th>Acquis</th>
                </tr>
              </thead>
              <tbody>
                {financingPlan.map((line, index) => (
                  <tr key={index}>
                    <td>{line.source}</td>
                    <td className="amount">{formatEuros(line.amountEuros)}</td>
                    <td>{line.secured ? 'Oui' : 'Non'}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>Total</td>
                  <td className="amount">{formatEuros(total)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          )}
        </FicheField>
        <FicheField label="Calendrier">{diagnostic.calendar}</FicheField>
        <FicheField label="Maturité">{diagnostic.maturity && formatMaturity(diagnostic.maturity)}</FicheField>
      </dl>
    </section>
  );
}
