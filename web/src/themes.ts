/** Aides-Territoires theme slugs of the demo projects, with their French names (inbox filter). */
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
