import { Button } from '@codegouvfr/react-dsfr/Button';

/** The version conflict explained: someone saved the fiche while it was being edited here. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  return (
    <div className="fr-alert fr-alert--warning fr-mb-2w" role="alert">
      <h3 className="fr-alert__title">La fiche a été modifiée entre-temps</h3>
      <p>
        Quelqu'un a enregistré une modification pendant que vous travailliez : la vôtre n'a pas été enregistrée, pour ne pas effacer la sienne. Rechargez la fiche pour voir sa dernière version, puis
        refaites vos changements.
      </p>
      <Button type="button" size="small" priority="secondary" className="fr-mt-1w" onClick={onReload}>
        Recharger la fiche
      </Button>
    </div>
  );
}
