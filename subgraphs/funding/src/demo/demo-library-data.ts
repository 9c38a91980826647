import { ContactKind, ResourceKind, ResourceStatus } from "../entities/library.entity";

/**
 * Demo sheets and contacts of the library (development mode only): realistic offers of the
 * State's operators, written for the demo. Names of real bodies, invented contacts (.demo
 * addresses, 01 99 00 numbers reserved for fiction).
 */
export interface DemoContact {
  key: string;
  kind: ContactKind;
  name: string;
  organization?: string;
  role?: string;
  email?: string;
  phone?: string;
  territoryId?: string;
  owner?: string;
}

export interface DemoSheet {
  title: string;
  summary: string;
  body: string;
  themes: string[];
  territoryIds?: string[];
  kind: ResourceKind;
  provider: string;
  contacts?: string[];
  owner: string;
  url?: string;
  status?: ResourceStatus;
  /** Days from today until it expires (negative: already expired). */
  expiresInDays?: number;
}

export const DEMO_CONTACTS: DemoContact[] = [
  {
    key: "cerema",
    kind: ContactKind.ORGANIZATION,
    name: "Cerema",
    role: "Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et l'aménagement",
    email: "contact@cerema.demo",
    owner: "OPERATOR:CEREMA",
  },
  { key: "ademe", kind: ContactKind.ORGANIZATION, name: "ADEME", role: "Agence de la transition écologique", email: "contact@ademe.demo", owner: "ANCT:NATIONAL" },
  { key: "anah", kind: ContactKind.ORGANIZATION, name: "Anah", role: "Agence nationale de l'habitat", email: "contact@anah.demo", owner: "ANCT:NATIONAL" },
  { key: "bdt", kind: ContactKind.ORGANIZATION, name: "Banque des Territoires", role: "Groupe Caisse des Dépôts", email: "contact@banquedesterritoires.demo", owner: "ANCT:NATIONAL" },
  { key: "anct", kind: ContactKind.ORGANIZATION, name: "ANCT", role: "Agence nationale de la cohésion des territoires", email: "contact@anct.demo", owner: "ANCT:NATIONAL" },
  { key: "ofb", kind: ContactKind.ORGANIZATION, name: "Office français de la biodiversité", email: "contact@ofb.demo", owner: "ANCT:NATIONAL" },
  {
    key: "ddt63",
    kind: ContactKind.ORGANIZATION,
    name: "DDT du Puy-de-Dôme",
    role: "Direction départementale des territoires",
    email: "ddt@puy-de-dome.demo",
    phone: "04 99 00 63 00",
    territoryId: "DEPARTEMENT:63",
    owner: "DDT:63",
  },
  {
    key: "caue63",
    kind: ContactKind.ORGANIZATION,
    name: "CAUE du Puy-de-Dôme",
    role: "Conseil d'architecture, d'urbanisme et de l'environnement",
    email: "caue@puy-de-dome.demo",
    territoryId: "DEPARTEMENT:63",
    owner: "DDT:63",
  },
  {
    key: "lea",
    kind: ContactKind.PERSON,
    name: "Léa Roux",
    organization: "cerema",
    role: "Chargée d'études aménagement et revitalisation",
    email: "lea.roux@cerema.demo",
    phone: "04 99 00 12 34",
    owner: "OPERATOR:CEREMA",
  },
  {
    key: "marc",
    kind: ContactKind.PERSON,
    name: "Marc Lefèvre",
    organization: "ddt63",
    role: "Référent ingénierie territoriale",
    email: "marc.lefevre@ddt63.demo",
    phone: "04 99 00 63 12",
    territoryId: "DEPARTEMENT:63",
    owner: "DDT:63",
  },
  {
    key: "claire",
    kind: ContactKind.PERSON,
    name: "Claire Fontaine",
    organization: "ademe",
    role: "Ingénieure énergie des bâtiments publics",
    email: "claire.fontaine@ademe.demo",
    territoryId: "REGION:84",
    owner: "ANCT:NATIONAL",
  },
  {
    key: "yanis",
    kind: ContactKind.PERSON,
    name: "Yanis Haddad",
    organization: "bdt",
    role: "Chargé de développement territorial",
    email: "yanis.haddad@banquedesterritoires.demo",
    territoryId: "REGION:84",
    owner: "ANCT:NATIONAL",
  },
  {
    key: "ines",
    kind: ContactKind.PERSON,
    name: "Inès Garnier",
    organization: "anah",
    role: "Cheffe de projet habitat privé",
    email: "ines.garnier@anah.demo",
    territoryId: "DEPARTEMENT:63",
    owner: "ANCT:NATIONAL",
  },
];

const body = (intro: string, steps: string[], outro: string) => `${intro}\n\n## Comment en bénéficier\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}\n\n${outro}`;

export const DEMO_SHEETS: DemoSheet[] = [
  {
    title: "Diagnostic de revitalisation du centre-bourg",
    summary: "Le Cerema aide les petites communes à poser un diagnostic partagé de leur centre-bourg : commerces, logements vacants, espaces publics, mobilités.",
    body: body(
      "Un diagnostic en quelques mois, mené avec les élus et les habitants, qui débouche sur un plan d'actions chiffré.",
      ["Contactez la DDT ou le Cerema avec une délibération de principe.", "Une équipe du Cerema cadre la démarche avec vous (2 à 3 réunions).", "Le diagnostic est restitué en conseil municipal."],
      "Adapté aux communes de moins de 20 000 habitants, notamment celles de Petites villes de demain.",
    ),
    themes: ["urbanisme-logement-amenagement"],
    kind: ResourceKind.EXPERT_SERVICE,
    provider: "cerema",
    contacts: ["lea"],
    owner: "OPERATOR:CEREMA",
  },
  {
    title: "Guide de la renaturation des cours d'école",
    summary: "Méthode et retours d'expérience pour désimperméabiliser et végétaliser les cours d'école, avec les enfants et les enseignants.",
    body: body(
      "Les cours « oasis » rafraîchissent les écoles pendant les vagues de chaleur et gèrent l'eau de pluie à la parcelle.",
      ["Associez l'équipe éducative dès l'esquisse.", "Faites un relevé des sols et des réseaux.", "Phasez les travaux pendant les vacances scolaires."],
      "Le guide contient des fiches chiffrées pour des cours de 500 à 3 000 m².",
    ),
    themes: ["nature-environnement-risques", "eau"],
    kind: ResourceKind.GUIDE,
    provider: "cerema",
    owner: "OPERATOR:CEREMA",
    url: "https://www.cerema.fr/",
  },
  {
    title: "Accompagnement des mobilités rurales",
    summary: "Le Cerema accompagne les intercommunalités rurales pour concevoir une offre de mobilité : transport à la demande, covoiturage, vélo.",
    body: body(
      "Une aide d'ingénierie pour passer du constat à un schéma de mobilité simplifié.",
      ["Recensez les besoins (enquête, données INSEE).", "Choisissez les services adaptés avec l'appui du Cerema.", "Préparez la prise de compétence mobilité si besoin."],
      "Ouvert aux EPCI et aux communes rurales.",
    ),
    themes: ["mobilite-transports"],
    kind: ResourceKind.EXPERT_SERVICE,
    provider: "cerema",
    contacts: ["lea"],
    owner: "OPERATOR:CEREMA",
  },
  {
    title: "Prévention des risques d'inondation : appui aux plans communaux de sauvegarde",
    summary: "Appui méthodologique du Cerema pour rédiger ou actualiser le plan communal de sauvegarde et organiser un exercice de crise.",
    body: body(
      "Le plan communal de sauvegarde (PCS) est obligatoire dans les communes couvertes par un plan de prévention des risques.",
      ["Faites l'inventaire des risques et des moyens communaux.", "Rédigez l'annuaire de crise.", "Organisez un exercice annuel."],
      "Modèles de documents fournis.",
    ),
    themes: ["nature-environnement-risques"],
    kind: ResourceKind.GUIDE,
    provider: "cerema",
    owner: "OPERATOR:CEREMA",
  },
  {
    title: "Fonds chaleur : réseaux de chaleur renouvelable",
    summary: "L'ADEME finance les études et les investissements des réseaux de chaleur alimentés par la biomasse, la géothermie ou la récupération de chaleur.",
    body: body(
      "Le Fonds chaleur soutient les projets de production de chaleur renouvelable des collectivités.",
      ["Faites réaliser une étude de faisabilité (financée jusqu'à 70 %).", "Déposez le dossier auprès de la direction régionale de l'ADEME.", "Signez la convention avant le démarrage des travaux."],
      "Cumulable avec la DETR et la DSIL dans certaines conditions.",
    ),
    themes: ["energies-dechets"],
    kind: ResourceKind.PROGRAMME,
    provider: "ademe",
    contacts: ["claire"],
    owner: "ANCT:NATIONAL",
    url: "https://agirpourlatransition.ademe.fr/",
  },
  {
    title: "Conseil en énergie partagé pour les petites communes",
    summary: "Un conseiller en énergie mutualisé suit les consommations des bâtiments communaux et propose des économies d'énergie.",
    body: body(
      "Le conseil en énergie partagé (CEP) s'adresse aux communes de moins de 10 000 habitants.",
      [
        "Adhérez au service porté par votre syndicat d'énergie ou votre intercommunalité.",
        "Transmettez les factures d'énergie des trois dernières années.",
        "Recevez un bilan et un plan d'actions priorisé.",
      ],
      "Les écoles, salles des fêtes et gymnases sont les premiers gisements d'économies.",
    ),
    themes: ["energies-dechets"],
    kind: ResourceKind.EXPERT_SERVICE,
    provider: "ademe",
    contacts: ["claire"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Rénovation énergétique des écoles : le programme EduRénov",
    summary: "La Banque des Territoires accompagne la rénovation énergétique des bâtiments scolaires : ingénierie, prêts et tiers-financement.",
    body: body(
      "EduRénov vise la rénovation de 10 000 écoles, collèges et lycées.",
      ["Faites un premier bilan de votre patrimoine scolaire.", "Sollicitez l'appui en ingénierie de la Banque des Territoires.", "Montez le plan de financement (prêts, subventions, intracting)."],
      "Les écoles rurales et les bâtiments les plus énergivores sont prioritaires.",
    ),
    themes: ["energies-dechets", "urbanisme-logement-amenagement"],
    kind: ResourceKind.PROGRAMME,
    provider: "bdt",
    contacts: ["yanis"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Prêts de la Banque des Territoires pour les équipements publics",
    summary: "Prêts de long terme (jusqu'à 40 ans) pour financer les équipements publics, l'eau, l'assainissement et la rénovation des bâtiments.",
    body: body(
      "Des prêts sur fonds d'épargne adaptés aux investissements de long terme des collectivités.",
      ["Contactez la direction régionale.", "Présentez le projet et son plan de financement.", "Recevez une offre de prêt sous quelques semaines."],
      "Taux indexés sur le livret A.",
    ),
    themes: ["eau", "urbanisme-logement-amenagement", "fonctions-support"],
    kind: ResourceKind.PROGRAMME,
    provider: "bdt",
    contacts: ["yanis"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Petites villes de demain",
    summary: "Le programme de l'ANCT pour les communes de moins de 20 000 habitants qui exercent des fonctions de centralité : un chef de projet financé et une boîte à outils.",
    body: body(
      "Petites villes de demain donne aux élus les moyens de concrétiser leurs projets de territoire.",
      ["Vérifiez que votre commune est labellisée.", "Recrutez le chef de projet (cofinancé jusqu'à 75 %).", "Signez la convention-cadre puis l'opération de revitalisation du territoire (ORT)."],
      "Le Club Petites villes de demain réunit les chefs de projet pour partager leurs pratiques.",
    ),
    themes: ["urbanisme-logement-amenagement", "developpement-economique"],
    kind: ResourceKind.PROGRAMME,
    provider: "anct",
    owner: "ANCT:NATIONAL",
    url: "https://agence-cohesion-territoires.gouv.fr/petites-villes-de-demain-45",
  },
  {
    title: "Villages d'avenir",
    summary: "Un chef de projet de l'État dans chaque département accompagne les communes rurales dans leurs projets : commerces, services, logement.",
    body: body(
      "Villages d'avenir s'adresse aux communes rurales qui portent un projet de revitalisation.",
      ["Manifestez-vous auprès de la préfecture.", "Le chef de projet Villages d'avenir vous aide à formaliser le projet.", "Il mobilise les financements et l'ingénierie utiles."],
      "Premières communes accompagnées depuis 2024.",
    ),
    themes: ["urbanisme-logement-amenagement", "solidarites-lien-social"],
    kind: ResourceKind.PROGRAMME,
    provider: "anct",
    owner: "ANCT:NATIONAL",
  },
  {
    title: "France services : ouvrir un espace dans sa commune",
    summary: "Comment labelliser un espace France services : locaux, agents formés, partenaires nationaux et financement de fonctionnement.",
    body: body(
      "Les espaces France services permettent d'accéder aux principaux services publics à moins de 30 minutes.",
      ["Identifiez les locaux et les deux agents d'accueil.", "Déposez le dossier de labellisation auprès de la préfecture.", "Formez les agents avant l'ouverture."],
      "Une subvention annuelle de fonctionnement est versée.",
    ),
    themes: ["solidarites-lien-social", "fonctions-support"],
    kind: ResourceKind.GUIDE,
    provider: "anct",
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Fonds vert : accompagnement des collectivités",
    summary: "Les services de l'État aident les collectivités à préparer leurs dossiers du Fonds vert : renaturation, rénovation énergétique, prévention des risques.",
    body: body(
      "Le Fonds vert finance la transition écologique des territoires.",
      ["Vérifiez que le projet entre dans une mesure du Fonds vert.", "Préparez le plan de financement et le calendrier.", "Déposez le dossier en ligne sur Démarches Simplifiées."],
      "La DDT relit les dossiers avant leur dépôt.",
    ),
    themes: ["nature-environnement-risques", "energies-dechets"],
    kind: ResourceKind.ENGINEERING_AID,
    provider: "anct",
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Aides de l'Anah aux copropriétés fragiles",
    summary: "L'Anah finance le redressement des copropriétés en difficulté : diagnostic, suivi-animation et travaux de rénovation.",
    body: body(
      "Les aides de l'Anah s'adressent aux syndicats de copropriétaires et aux collectivités qui pilotent un dispositif.",
      ["Faites réaliser un diagnostic multicritère.", "Mettez en place une opération programmée (OPAH copropriété).", "Déposez les demandes d'aide aux travaux."],
      "Le taux de subvention atteint 50 % des travaux dans certains cas.",
    ),
    themes: ["urbanisme-logement-amenagement", "solidarites-lien-social"],
    kind: ResourceKind.PROGRAMME,
    provider: "anah",
    contacts: ["ines"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "OPAH : opération programmée d'amélioration de l'habitat",
    summary: "Monter une OPAH pour rénover les logements privés anciens d'un centre-bourg : étude préalable, convention avec l'Anah, suivi-animation.",
    body: body(
      "L'OPAH combine des aides aux propriétaires et un accompagnement gratuit.",
      ["Lancez l'étude préalable (financée par l'Anah).", "Signez la convention d'OPAH pour cinq ans.", "Recrutez l'opérateur de suivi-animation."],
      "Souvent couplée à une opération de revitalisation du territoire.",
    ),
    themes: ["urbanisme-logement-amenagement"],
    kind: ResourceKind.GUIDE,
    provider: "anah",
    contacts: ["ines"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Atlas de la biodiversité communale",
    summary: "L'Office français de la biodiversité soutient les communes qui réalisent un inventaire de leur faune et de leur flore avec les habitants.",
    body: body(
      "Un atlas de la biodiversité communale (ABC) éclaire les choix d'aménagement.",
      ["Répondez à l'appel à projets annuel de l'OFB.", "Associez une association naturaliste.", "Restituez l'atlas aux habitants."],
      "Financement jusqu'à 80 % du coût.",
    ),
    themes: ["nature-environnement-risques"],
    kind: ResourceKind.PROGRAMME,
    provider: "ofb",
    owner: "ANCT:NATIONAL",
    expiresInDays: 120,
  },
  {
    title: "Mission d'appui en ingénierie de la DDT du Puy-de-Dôme",
    summary: "La DDT du Puy-de-Dôme aide les communes à définir leur projet, rédiger le cahier des charges d'une étude et choisir un bureau d'études.",
    body: body(
      "Une aide gratuite aux communes et intercommunalités du département.",
      ["Écrivez au référent ingénierie territoriale de la DDT.", "Un premier rendez-vous qualifie le besoin.", "La DDT vous oriente vers le bon partenaire (Cerema, CAUE, agence départementale)."],
      "Pour les projets d'aménagement, de logement et d'équipements publics.",
    ),
    themes: ["urbanisme-logement-amenagement", "fonctions-support"],
    territoryIds: ["DEPARTEMENT:63"],
    kind: ResourceKind.EXPERT_SERVICE,
    provider: "ddt63",
    contacts: ["marc"],
    owner: "DDT:63",
  },
  {
    title: "Conseils gratuits du CAUE du Puy-de-Dôme",
    summary: "Architectes et paysagistes du CAUE conseillent les élus en amont de leurs projets : équipement, espace public, lotissement.",
    body: body(
      "Le conseil du CAUE est gratuit et indépendant.",
      ["Prenez rendez-vous avec un conseiller.", "Visite de site et note de recommandations.", "Aide à la rédaction du programme de la consultation de maîtrise d'œuvre."],
      "Le CAUE anime aussi des visites et des formations pour les élus.",
    ),
    themes: ["urbanisme-logement-amenagement", "culture-patrimoine-sports-tourisme"],
    territoryIds: ["DEPARTEMENT:63"],
    kind: ResourceKind.EXPERT_SERVICE,
    provider: "caue63",
    owner: "DDT:63",
  },
  {
    title: "Gestion des eaux pluviales dans les projets d'aménagement (Puy-de-Dôme)",
    summary: "Les règles départementales et les bonnes pratiques pour infiltrer les eaux pluviales à la parcelle dans les projets d'aménagement.",
    body: body(
      "La doctrine de la DDT pour l'instruction des dossiers loi sur l'eau.",
      ["Vérifiez le zonage pluvial de la commune.", "Privilégiez noues et tranchées d'infiltration.", "Consultez la DDT avant le dépôt du dossier."],
      "Schémas types et coûts indicatifs en annexe.",
    ),
    themes: ["eau", "urbanisme-logement-amenagement"],
    territoryIds: ["DEPARTEMENT:63"],
    kind: ResourceKind.GUIDE,
    provider: "ddt63",
    contacts: ["marc"],
    owner: "DDT:63",
  },
  {
    title: "Réseau des secrétaires de mairie du Puy-de-Dôme",
    summary: "Un réseau d'entraide et des formations pour les secrétaires de mairie des petites communes du département.",
    body: body(
      "Des rencontres trimestrielles et une liste d'échange.",
      ["Inscrivez-vous auprès de la DDT.", "Participez aux ateliers thématiques (budget, urbanisme, marchés publics)."],
      "Brouillon en cours de relecture.",
    ),
    themes: ["fonctions-support"],
    territoryIds: ["DEPARTEMENT:63"],
    kind: ResourceKind.TRAINING,
    provider: "ddt63",
    owner: "DDT:63",
    status: ResourceStatus.DRAFT,
  },
  {
    title: "Plan vélo régional : aménagements cyclables en Auvergne-Rhône-Alpes",
    summary: "Appui technique pour concevoir des itinéraires cyclables sûrs et continus, en lien avec le schéma régional.",
    body: body(
      "Des fiches techniques pour les voies vertes, les bandes et pistes cyclables.",
      ["Faites un diagnostic des itinéraires existants.", "Hiérarchisez les liaisons (écoles, gares, commerces).", "Chiffrez les aménagements avec l'appui du Cerema."],
      "Cumulable avec le Fonds mobilités actives.",
    ),
    themes: ["mobilite-transports"],
    territoryIds: ["REGION:84"],
    kind: ResourceKind.GUIDE,
    provider: "cerema",
    contacts: ["lea"],
    owner: "OPERATOR:CEREMA",
  },
  {
    title: "Économie circulaire : tri à la source des biodéchets",
    summary: "Guide pratique de l'ADEME pour organiser la collecte ou le compostage des biodéchets, obligatoire depuis 2024.",
    body: body(
      "Le tri à la source des biodéchets réduit le tonnage des ordures ménagères.",
      ["Choisissez entre compostage de proximité et collecte séparée.", "Dimensionnez le service avec l'outil de l'ADEME.", "Informez les habitants."],
      "Des aides à l'investissement sont possibles via le Fonds économie circulaire.",
    ),
    themes: ["energies-dechets", "developpement-economique"],
    kind: ResourceKind.GUIDE,
    provider: "ademe",
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Territoires d'industrie",
    summary: "Le programme qui accompagne les intercommunalités industrielles : foncier, compétences, transition écologique des entreprises.",
    body: body(
      "Territoires d'industrie associe élus et industriels autour d'un plan d'actions.",
      ["Vérifiez que votre intercommunalité est labellisée.", "Rejoignez le comité de pilotage local.", "Mobilisez l'ingénierie de la Banque des Territoires et du Cerema."],
      "Un chef de projet est cofinancé.",
    ),
    themes: ["developpement-economique"],
    kind: ResourceKind.PROGRAMME,
    provider: "anct",
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Ingénierie de l'eau et de l'assainissement : transfert de compétence",
    summary: "Appui aux communes et intercommunalités pour préparer le transfert des compétences eau et assainissement : état des lieux, tarifs, gouvernance.",
    body: body(
      "Un accompagnement du Cerema et de la Banque des Territoires.",
      ["Dressez l'inventaire patrimonial des réseaux.", "Simulez l'harmonisation des tarifs.", "Préparez les délibérations."],
      "Des modèles de rapports sont fournis.",
    ),
    themes: ["eau", "fonctions-support"],
    kind: ResourceKind.ENGINEERING_AID,
    provider: "bdt",
    contacts: ["yanis", "lea"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Action cœur de ville",
    summary: "Le programme national de revitalisation des villes moyennes : commerce, habitat, espaces publics et patrimoine.",
    body: body(
      "Action cœur de ville accompagne 234 villes moyennes.",
      ["Signez l'avenant de prolongation du programme.", "Mettez à jour le plan d'actions.", "Mobilisez les partenaires financeurs (Anah, Banque des Territoires, Action Logement)."],
      "Programme prolongé jusqu'en 2026.",
    ),
    themes: ["urbanisme-logement-amenagement", "developpement-economique"],
    kind: ResourceKind.PROGRAMME,
    provider: "anct",
    owner: "ANCT:NATIONAL",
    expiresInDays: 400,
  },
  {
    title: "Appel à projets Tiers-lieux 2024",
    summary: "Appel à projets clos pour le soutien aux tiers-lieux en zones rurales.",
    body: body("Soutien au démarrage des tiers-lieux.", ["Déposez le dossier en ligne."], "Édition close : gardée pour mémoire."),
    themes: ["solidarites-lien-social", "developpement-economique"],
    kind: ResourceKind.PROGRAMME,
    provider: "anct",
    owner: "ANCT:NATIONAL",
    status: ResourceStatus.ARCHIVED,
  },
  {
    title: "Sobriété foncière : outil de suivi de l'artificialisation",
    summary: "L'outil en ligne du Cerema pour mesurer la consommation d'espaces naturels, agricoles et forestiers d'une commune et suivre l'objectif ZAN.",
    body: body(
      "Les données des fichiers fonciers, commune par commune, depuis 2009.",
      ["Ouvrez l'outil et choisissez votre territoire.", "Téléchargez le rapport local de l'artificialisation.", "Joignez-le au débat sur le document d'urbanisme."],
      "Mise à jour annuelle.",
    ),
    themes: ["urbanisme-logement-amenagement", "nature-environnement-risques"],
    kind: ResourceKind.TOOL,
    provider: "cerema",
    owner: "OPERATOR:CEREMA",
    url: "https://mondiagartif.beta.gouv.fr/",
  },
  {
    title: "Éclairage public : rénover et réduire la facture",
    summary: "Méthode pour rénover le parc d'éclairage public en LED, adapter les horaires d'extinction et réduire la pollution lumineuse.",
    body: body(
      "L'éclairage public représente souvent le premier poste de dépense d'électricité d'une commune.",
      ["Faites l'inventaire des points lumineux.", "Étudiez l'extinction en milieu de nuit.", "Programmez la rénovation par tranches."],
      "Le syndicat d'énergie porte souvent les travaux.",
    ),
    themes: ["energies-dechets", "nature-environnement-risques"],
    kind: ResourceKind.GUIDE,
    provider: "ademe",
    contacts: ["claire"],
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Formation des élus à la transition écologique",
    summary: "Un cycle de formation gratuit pour les élus locaux : climat, biodiversité, ressources, et leviers d'action de la commune.",
    body: body(
      "Des sessions d'une journée, en présentiel ou à distance.",
      ["Inscrivez-vous en ligne.", "Suivez les trois modules.", "Rejoignez la communauté des élus formés."],
      "Formation reconnue au titre du droit individuel à la formation des élus.",
    ),
    themes: ["nature-environnement-risques", "energies-dechets", "fonctions-support"],
    kind: ResourceKind.TRAINING,
    provider: "anct",
    owner: "ANCT:NATIONAL",
  },
  {
    title: "Aménagement des bourgs : espaces publics et sécurité routière",
    summary: "Fiches du Cerema pour apaiser la circulation dans la traversée des bourgs : zones 30, plateaux, partage de la voirie.",
    body: body(
      "Des aménagements simples et peu coûteux pour sécuriser piétons et cyclistes.",
      ["Mesurez les vitesses pratiquées.", "Choisissez les aménagements adaptés au trafic.", "Testez avec des aménagements provisoires."],
      "Fiches illustrées par des exemples de communes rurales.",
    ),
    themes: ["mobilite-transports", "urbanisme-logement-amenagement"],
    kind: ResourceKind.GUIDE,
    provider: "cerema",
    owner: "OPERATOR:CEREMA",
  },
  {
    title: "Rénovation du patrimoine bâti communal : églises et lavoirs",
    summary: "Conseils pour programmer la restauration du petit patrimoine communal et mobiliser les financements (DRAC, Fondation du patrimoine, mécénat).",
    body: body(
      "Le petit patrimoine contribue à l'attractivité des communes rurales.",
      ["Faites établir un diagnostic sanitaire.", "Sollicitez l'avis de l'architecte des bâtiments de France.", "Lancez une souscription publique."],
      "Le CAUE peut aider à rédiger le cahier des charges.",
    ),
    themes: ["culture-patrimoine-sports-tourisme"],
    territoryIds: ["DEPARTEMENT:63"],
    kind: ResourceKind.GUIDE,
    provider: "caue63",
    owner: "DDT:63",
  },
  {
    title: "Fonds friches : recyclage foncier",
    summary: "Financement du recyclage des friches industrielles, commerciales ou urbaines pour y créer logements, équipements ou activités.",
    body: body(
      "Réhabiliter une friche évite d'artificialiser de nouveaux sols.",
      ["Faites réaliser l'inventaire et les études de pollution.", "Élaborez le bilan d'aménagement.", "Déposez le dossier lors de l'appel à projets régional."],
      "Le Cerema et l'ADEME proposent un outil d'inventaire des friches (Cartofriches).",
    ),
    themes: ["urbanisme-logement-amenagement", "developpement-economique"],
    kind: ResourceKind.ENGINEERING_AID,
    provider: "anct",
    owner: "ANCT:NATIONAL",
    expiresInDays: 200,
  },
];
