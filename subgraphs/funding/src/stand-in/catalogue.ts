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
