import { Footer } from '@codegouvfr/react-dsfr/Footer';

/** The DSFR footer (its links to the State's sites are plain links: nothing is loaded from them). */
export function SiteFooter() {
  return (
    <Footer
      accessibility="non compliant"
      contentDescription="Service pour les collectivités et l'État local : déposer un projet de territoire, l'instruire, trouver ses financements et en suivre l'avancement."
      bottomItems={[]}
    />
  );
}
