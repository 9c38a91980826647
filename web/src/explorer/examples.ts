/** The saved example queries of the explorer: common questions, ready to run. */
export interface Example {
  title: string;
  /** What it answers, in French, for the person reading the list. */
  description: string;
  query: string;
  variables: Record<string, unknown>;
}

export const EXAMPLES: readonly Example[] = [
  {
    title: "Projets d'un territoire",
    description:
      "Les projets d'une commune, d'un EPCI, d'un département ou d'une région (identifiant « COMMUNE:63113 », « DEPARTEMENT:63 »…), 20 par page : reprenez endCursor dans after pour la suite.",
    query: `query ProjetsDuTerritoire($territoire: ID!, $apres: String) {
  projects(first: 20, after: $apres, filter: { territoryId: $territoire }) {
    edges {
      node {
        id
        title
        status
        phase
        themes
        budgetEuros
        territory { name }
        owner { name }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { territoire: 'COMMUNE:63113' },
  },
  {
    title: "Portefeuille d'un département",
    description: 'Le nombre de projets par statut pour un territoire (les brouillons ne comptent que pour les organisations qui peuvent les voir), avec les mêmes chiffres pour sa région.',
    query: `query Portefeuille($territoire: ID!) {
  territory(id: $territoire) {
    name
    stats { projectCount byStatus { status count } }
    region { name stats { projectCount } }
  }
  portfolio(territoryId: $territoire) { projectCount byStatus { status count } }
}`,
    variables: { territoire: 'DEPARTEMENT:63' },
  },
  {
    title: "Financements des projets d'un territoire",
    description: 'Pour chaque projet, les aides les mieux adaptées (Aides-Territoires) avec leur score et leurs raisons, et les dossiers Démarches Simplifiées préparés.',
    query: `query Financements($territoire: ID!) {
  projects(first: 5, filter: { territoryId: $territoire }) {
    edges {
      node {
        title
        fundingOpportunities(first: 3) {
          edges { node { name kind score reasons financers submissionDeadline } }
        }
        fundingApplications { procedure status amountRequested amountGranted dossierUrl }
      }
    }
  }
}`,
    variables: { territoire: 'DEPARTEMENT:63' },
  },
  {
    title: 'Aides disponibles pour une collectivité',
    description: "Les aides financières ou d'ingénierie ouvertes à une collectivité, filtrables par thème et par phase.",
    query: `query Aides($territoire: ID!) {
  fundingOpportunities(first: 10, filter: { territoryId: $territoire, kind: FINANCIAL }) {
    edges { node { name financers perimeter submissionDeadline url } }
  }
}`,
    variables: { territoire: 'COMMUNE:63113' },
  },
  {
    title: 'Activité récente',
    description: 'Le journal des projets que vous pouvez voir, dans l’ordre : reprenez le dernier id dans after pour lire la suite.',
    query: `query Journal($apres: String) {
  activities(first: 20, after: $apres) {
    edges { node { id at kind summary project { title territory { name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: {},
  },
  {
    title: 'Projets modifiés depuis une date',
    description:
      "Pour tenir à jour votre propre copie : les projets modifiés depuis un instant, dans l'ordre de leur dernière modification, 100 par page. Gardez le dernier endCursor : la prochaine fois, passez-le dans after (avec le même updatedSince) pour ne lire que ce qui a changé depuis.",
    query: `query ProjetsModifies($depuis: DateTimeISO!, $apres: String) {
  projects(first: 100, after: $apres, updatedSince: $depuis) {
    totalCount
    edges { node { id title status programmes updatedAt version territory { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { depuis: '2026-01-01T00:00:00Z' },
  },
  {
    title: 'Projets triés et comptés',
    description:
      'Les projets déposés en 2026 sur un territoire, les plus prioritaires d’abord (orderBy : CREATED, UPDATED, SUBMITTED, PRIORITY ou TITLE, ASC ou DESC), avec leur nombre total (totalCount).',
    query: `query ProjetsTries($territoire: ID!, $apres: String) {
  projects(
    first: 20
    after: $apres
    filter: { territoryId: $territoire, submitted: { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" } }
    orderBy: { field: PRIORITY, direction: DESC }
  ) {
    totalCount
    edges { node { id title priority submittedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { territoire: 'DEPARTEMENT:63' },
  },
];

/** The text of the first tab: what the explorer is, in French. */
export const WELCOME = `# Explorateur de l'API des projets territoriaux
#
# Vous êtes connecté avec votre propre compte : vous lisez ce que vos droits
# vous permettent de voir. La documentation de chaque type et de chaque champ
# est dans l'onglet « Documentation » (icône du livre, à gauche) ; des
# requêtes prêtes à l'emploi sont dans l'onglet « Exemples ».
#
# Exécutez une requête avec le bouton ▶ ou Ctrl-Entrée.

query MonCompte {
  me { name organization { name } }
}
`;
