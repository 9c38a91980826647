/**
 * The stand-in's demonstration catalogue (demo data, labelled as such in every description):
 * templates of aids whose mix resembles the real one: financial and engineering, national to
 * intercommunal perimeters, every step, both destinations, calls for projects with deadlines
 * from a few days to months, a closed call and an aid with missing fields.
 */
export interface AidTemplate {
  name: string;
  theme: string;
  financer: string;
  type: "Subvention" | "Prêt" | "Avance récupérable" | "Ingénierie technique" | "Ingénierie financière";
  rate: [number, number] | null;
  steps: ("preop" | "op" | "postop")[];
  destinations: ("supply" | "investment")[];
  callForProject?: boolean;
  /** Days from the stand-in's today to the deadline; null: permanent. */
  deadlineDays?: number | null;
  audiences?: ("commune" | "epci" | "department" | "region")[];
}

const DEFAULT_AUDIENCES: AidTemplate["audiences"] = ["commune", "epci"];
export const audiencesOf = (template: AidTemplate) => template.audiences ?? DEFAULT_AUDIENCES;

export const NATIONAL: AidTemplate[] = [
  {
    name: "Fonds vert : rénovation énergétique des bâtiments publics locaux",
    theme: "energies-dechets",
    financer: "Ministère de la Transition écologique",
    type: "Subvention",
    rate: [20, 50],
    steps: ["op"],
    destinations: ["investment"],
    deadlineDays: 120,
  },
  {
    name: "Dotation de soutien à l'investissement local (DSIL)",
    theme: "urbanisme-logement-amenagement",
    financer: "Ministère de l'Intérieur",
    type: "Subvention",
    rate: [20, 80],
    steps: ["op"],
    destinations: ["investment"],
    deadlineDays: 60,
  },
  {
    name: "Accompagnement en ingénierie de projet par le Cerema",
    theme: "urbanisme-logement-amenagement",
    financer: "Cerema",
    type: "Ingénierie technique",
    rate: null,
    steps: ["preop"],
    destinations: ["supply"],
  },
  {
    name: "Programme Petites villes de demain : chef de projet",
    theme: "developpement-economique",
    financer: "Agence nationale de la cohésion des territoires (ANCT)",
    type: "Ingénierie technique",
    rate: [0, 75],
    steps: ["preop", "op"],
    destinations: ["supply"],
  },
  {
    name: "Aides des agences de l'eau pour l'eau potable et l'assainissement",
    theme: "eau",
    financer: "Agences de l'eau",
    type: "Subvention",
    rate: [30, 50],
    steps: ["op"],
    destinations: ["investment"],
  },
  { name: "Études préalables eau potable et assainissement", theme: "eau", financer: "Agences de l'eau", type: "Subvention", rate: [50, 80], steps: ["preop"], destinations: ["supply", "investment"] },
  {
    name: "Appel à projets Plan vélo : aménagements cyclables",
    theme: "mobilite-transports",
    financer: "Ministère chargé des Transports",
    type: "Subvention",
    rate: [20, 40],
    steps: ["op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: 12,
  },
  {
    name: "Restauration du patrimoine protégé au titre des monuments historiques",
    theme: "culture-patrimoine-sports-tourisme",
    financer: "Ministère de la Culture",
    type: "Subvention",
    rate: [20, 40],
    steps: ["op", "postop"],
    destinations: ["investment"],
  },
  {
    name: "Études préalables à la restauration du patrimoine et des équipements culturels",
    theme: "culture-patrimoine-sports-tourisme",
    financer: "Ministère de la Culture",
    type: "Subvention",
    rate: [30, 50],
    steps: ["preop"],
    destinations: ["supply", "investment"],
  },
  {
    name: "Équipements sportifs de proximité",
    theme: "culture-patrimoine-sports-tourisme",
    financer: "Agence nationale du Sport",
    type: "Subvention",
    rate: [50, 80],
    steps: ["op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: 45,
  },
  {
    name: "Maisons de santé pluriprofessionnelles",
    theme: "solidarites-lien-social",
    financer: "Agences régionales de santé",
    type: "Subvention",
    rate: [10, 30],
    steps: ["op"],
    destinations: ["investment"],
  },
  {
    name: "Renaturation des villes et des villages",
    theme: "nature-environnement-risques",
    financer: "Ministère de la Transition écologique",
    type: "Subvention",
    rate: [40, 60],
    steps: ["preop", "op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: 30,
  },
  { name: "Prêt relance du secteur public local", theme: "energies-dechets", financer: "Banque des Territoires", type: "Prêt", rate: null, steps: ["op"], destinations: ["investment"] },
  {
    name: "Ingénierie financière des projets de transition",
    theme: "energies-dechets",
    financer: "Banque des Territoires",
    type: "Ingénierie financière",
    rate: null,
    steps: ["preop"],
    destinations: ["supply"],
  },
  {
    name: "ACTEE : audits et études énergétiques du patrimoine public",
    theme: "energies-dechets",
    financer: "FNCCR (programme ACTEE)",
    type: "Subvention",
    rate: [50, 50],
    steps: ["preop"],
    destinations: ["supply"],
    callForProject: true,
    deadlineDays: 5,
  },
  { name: "Conseil en énergie partagé", theme: "energies-dechets", financer: "ADEME", type: "Ingénierie technique", rate: null, steps: ["preop", "postop"], destinations: ["supply"] },
  {
    name: "France Mobilités : ingénierie des mobilités rurales",
    theme: "mobilite-transports",
    financer: "Ministère chargé des Transports",
    type: "Ingénierie technique",
    rate: null,
    steps: ["preop"],
    destinations: ["supply"],
  },
  { name: "Fonds mobilités actives : études de schémas cyclables", theme: "mobilite-transports", financer: "ADEME", type: "Subvention", rate: [30, 50], steps: ["preop"], destinations: ["supply"] },
  {
    name: "Appel à projets Transports collectifs en site propre",
    theme: "mobilite-transports",
    financer: "Ministère chargé des Transports",
    type: "Subvention",
    rate: [10, 30],
    steps: ["op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: 150,
  },
  {
    name: "Villages d'avenir : ingénierie de projet",
    theme: "urbanisme-logement-amenagement",
    financer: "Agence nationale de la cohésion des territoires (ANCT)",
    type: "Ingénierie technique",
    rate: null,
    steps: ["preop"],
    destinations: ["supply"],
  },
  {
    name: "Inclusion numérique : conseillers numériques",
    theme: "fonctions-support",
    financer: "Agence nationale de la cohésion des territoires (ANCT)",
    type: "Subvention",
    rate: [100, 100],
    steps: ["postop"],
    destinations: ["supply"],
  },
  {
    name: "Fonds friches : recyclage foncier (appel clos)",
    theme: "urbanisme-logement-amenagement",
    financer: "Ministère de la Transition écologique",
    type: "Subvention",
    rate: [20, 60],
    steps: ["op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: -10,
  },
  {
    name: "Fonds de solidarité des départements",
    theme: "solidarites-lien-social",
    financer: "Ministère de l'Intérieur",
    type: "Subvention",
    rate: [10, 50],
    steps: ["op"],
    destinations: ["supply"],
    audiences: ["department"],
  },
  { name: "Avance remboursable pour les réseaux de chaleur", theme: "energies-dechets", financer: "ADEME", type: "Avance récupérable", rate: null, steps: ["op"], destinations: ["investment"] },
];

export const EUROPEAN: AidTemplate[] = [
  {
    name: "LEADER (FEADER) : développement local des territoires ruraux",
    theme: "developpement-economique",
    financer: "Union européenne",
    type: "Subvention",
    rate: [20, 80],
    steps: ["preop", "op"],
    destinations: ["supply", "investment"],
  },
];

export const REGIONAL: AidTemplate[] = [
  {
    name: "Contrat régional de revitalisation des centres-bourgs",
    theme: "developpement-economique",
    financer: "Région",
    type: "Subvention",
    rate: [10, 30],
    steps: ["op"],
    destinations: ["investment"],
  },
  {
    name: "Fonds régional pour la transition énergétique",
    theme: "energies-dechets",
    financer: "Région",
    type: "Subvention",
    rate: [20, 40],
    steps: ["op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: 90,
  },
  { name: "Programme régional eau et biodiversité", theme: "eau", financer: "Région", type: "Subvention", rate: [20, 50], steps: ["preop", "op"], destinations: ["supply", "investment"] },
  { name: "Plan régional des mobilités du quotidien", theme: "mobilite-transports", financer: "Région", type: "Subvention", rate: [20, 40], steps: ["preop", "op"], destinations: ["investment"] },
  {
    name: "Patrimoine régional : études et travaux",
    theme: "culture-patrimoine-sports-tourisme",
    financer: "Région",
    type: "Subvention",
    rate: [15, 40],
    steps: ["preop", "op"],
    destinations: ["supply", "investment"],
  },
  { name: "Ingénierie territoriale régionale", theme: "urbanisme-logement-amenagement", financer: "Région", type: "Ingénierie technique", rate: null, steps: ["preop"], destinations: ["supply"] },
];

export const DEPARTEMENTAL: AidTemplate[] = [
  {
    name: "Dotation d'équipement des territoires ruraux (DETR)",
    theme: "urbanisme-logement-amenagement",
    financer: "Préfecture",
    type: "Subvention",
    rate: [20, 40],
    steps: ["op"],
    destinations: ["investment"],
    callForProject: true,
    deadlineDays: 75,
  },
  {
    name: "Fonds départemental pour le patrimoine et les équipements",
    theme: "culture-patrimoine-sports-tourisme",
    financer: "Département",
    type: "Subvention",
    rate: [10, 30],
    steps: ["preop", "op"],
    destinations: ["investment"],
  },
  {
    name: "Agence départementale d'ingénierie : assistance à maîtrise d'ouvrage",
    theme: "eau",
    financer: "Département",
    type: "Ingénierie technique",
    rate: null,
    steps: ["preop", "op"],
    destinations: ["supply", "investment"],
  },
];

export const INTERCOMMUNAL: AidTemplate[] = [
  {
    name: "Fonds de concours aux communes membres",
    theme: "urbanisme-logement-amenagement",
    financer: "Intercommunalité",
    type: "Subvention",
    rate: [10, 50],
    steps: ["op"],
    destinations: ["investment"],
    audiences: ["commune"],
  },
];
