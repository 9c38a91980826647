/** The Aides-Territoires theme slugs, with their French names (inbox filter, fiche). */
export const THEMES: readonly { slug: string; label: string }[] = [
  { slug: 'culture-patrimoine-sports-tourisme', label: 'Culture, patrimoine, sports, tourisme' },
  { slug: 'developpement-economique', label: 'Développement économique' },
  { slug: 'eau', label: 'Eau' },
  { slug: 'energies-dechets', label: 'Énergies, déchets' },
  { slug: 'fonctions-support', label: 'Fonctions support' },
  { slug: 'mobilite-transports', label: 'Mobilité, transports' },
  { slug: 'nature-environnement-risques', label: 'Nature, environnement, risques' },
  { slug: 'solidarites-lien-social', label: 'Solidarités, lien social' },
  { slug: 'urbanisme-logement-amenagement', label: 'Urbanisme, logement, aménagement' },
];

/** A theme's French name; an unknown slug as it is. */
export function themeLabel(slug: string): string {
  return THEMES.find((theme) => theme.slug === slug)?.label ?? slug;
}
