import type { DataSource } from "typeorm";
import { QuestionKind } from "../entities/questionnaire.entity";
import { validateDefinition, type DefinitionInput } from "../rules/questionnaire";

const { SINGLE_CHOICE: ONE, MULTIPLE_CHOICE: MANY, TEXT } = QuestionKind;
const yesNo = (yesTags: string[] = [], noTags: string[] = []) => [
  { value: "oui", label: "Oui", tags: yesTags },
  { value: "non", label: "Non", tags: noTags },
];

/**
 * Demo questionnaires of three themes (development mode): rénovation énergétique des bâtiments
 * publics, revitalisation de centre-bourg, mobilité. Their tags are those of funding's demo rules.
 */
export const DEMO_QUESTIONNAIRES: (DefinitionInput & { theme: string })[] = [
  {
    theme: "energies-dechets",
    title: "Rénovation énergétique des bâtiments publics",
    description: "Pour situer votre bâtiment au regard du décret tertiaire et orienter vers les bons accompagnements (CEE, ACTEE, conseillers en énergie partagés).",
    sets: [
      {
        title: "Le bâtiment",
        questions: [
          {
            id: "type-batiment",
            label: "De quel bâtiment s'agit-il ?",
            kind: ONE,
            choices: [
              { value: "ecole", label: "École ou groupe scolaire", tags: ["batiment-scolaire"] },
              { value: "mairie", label: "Mairie", tags: [] },
              { value: "equipement-sportif", label: "Équipement sportif", tags: ["equipement-sportif"] },
              { value: "autre", label: "Autre", tags: [] },
            ],
          },
          { id: "surface-1000", label: "Sa surface dépasse-t-elle 1 000 m² ?", help: "Au-delà, le décret tertiaire impose des économies d'énergie.", kind: ONE, choices: yesNo(["decret-tertiaire"]) },
          {
            id: "chauffage",
            label: "Comment est-il chauffé ?",
            kind: ONE,
            choices: [
              { value: "fioul", label: "Fioul", tags: ["chauffage-fioul"] },
              { value: "gaz", label: "Gaz", tags: ["chauffage-fossile"] },
              { value: "electrique", label: "Électrique", tags: [] },
              { value: "bois-reseau", label: "Bois ou réseau de chaleur", tags: [] },
            ],
          },
          { id: "age-chaudiere", label: "La chaudière a-t-elle plus de 15 ans ?", kind: ONE, choices: yesNo(["chaudiere-ancienne"]), showIf: { questionId: "chauffage", values: ["fioul", "gaz"] } },
        ],
      },
      {
        title: "Ce que vous savez déjà",
        questions: [
          { id: "audit", label: "Un audit énergétique a-t-il été réalisé ?", kind: ONE, choices: yesNo([], ["audit-a-faire"]) },
          { id: "audit-date", label: "En quelle année, et par qui ?", kind: TEXT, showIf: { questionId: "audit", values: ["oui"] } },
          {
            id: "travaux-envisages",
            label: "Quels travaux envisagez-vous ?",
            kind: MANY,
            choices: [
              { value: "isolation", label: "Isolation (toiture, murs, planchers)", tags: ["isolation"] },
              { value: "menuiseries", label: "Menuiseries", tags: [] },
              { value: "chauffage", label: "Changement du chauffage", tags: ["changement-chauffage"] },
              { value: "solaire", label: "Panneaux solaires", tags: ["photovoltaique"] },
            ],
          },
          { id: "conseiller", label: "Êtes-vous accompagné par un conseiller en énergie partagé ?", kind: ONE, choices: yesNo([], ["sans-conseiller-energie"]) },
        ],
      },
    ],
  },
  {
    theme: "urbanisme-logement-amenagement",
    title: "Revitalisation de centre-bourg",
    description: "Pour comprendre la situation de votre centre-bourg : commerces, logements, espaces publics.",
    sets: [
      {
        title: "Le centre-bourg aujourd'hui",
        questions: [
          { id: "vacance-commerciale", label: "Des commerces du centre sont-ils vacants ?", kind: ONE, choices: yesNo(["vacance-commerciale"]) },
          { id: "nombre-vacants", label: "Combien environ ?", kind: TEXT, showIf: { questionId: "vacance-commerciale", values: ["oui"] } },
          { id: "logements-vacants", label: "Des logements du centre sont-ils vacants ou dégradés ?", kind: ONE, choices: yesNo(["habitat-degrade"]) },
          {
            id: "programmes",
            label: "La commune est-elle dans un de ces programmes ?",
            kind: MANY,
            choices: [
              { value: "petites-villes-de-demain", label: "Petites villes de demain", tags: ["pvd"] },
              { value: "action-coeur-de-ville", label: "Action cœur de ville", tags: ["acv"] },
              { value: "villages-d-avenir", label: "Villages d'avenir", tags: ["villages-avenir"] },
              { value: "aucun", label: "Aucun", tags: ["sans-programme"] },
            ],
          },
        ],
      },
      {
        title: "Le projet",
        questions: [
          { id: "etude-urbaine", label: "Une étude de revitalisation ou un plan guide existe-t-il ?", kind: ONE, choices: yesNo([], ["etude-urbaine-a-faire"]) },
          { id: "maitrise-fonciere", label: "La commune maîtrise-t-elle le foncier concerné ?", kind: ONE, choices: yesNo([], ["foncier-a-maitriser"]) },
          { id: "attentes", label: "Qu'attendez-vous d'un accompagnement ?", kind: TEXT },
        ],
      },
    ],
  },
  {
    theme: "mobilite-transports",
    title: "Mobilité du quotidien",
    description: "Pour cerner les besoins de déplacement de vos habitants et les solutions à étudier.",
    sets: [
      {
        title: "Les besoins",
        questions: [
          {
            id: "enjeux",
            label: "Quels sont les principaux enjeux ?",
            kind: MANY,
            choices: [
              { value: "velo", label: "Se déplacer à vélo en sécurité", tags: ["mobilite-velo"] },
              { value: "transport-collectif", label: "Desserte en transport collectif", tags: ["transport-collectif"] },
              { value: "covoiturage", label: "Covoiturage et autopartage", tags: ["mobilite-partagee"] },
              { value: "securite", label: "Sécurité routière en traversée de bourg", tags: ["securite-routiere"] },
            ],
          },
          { id: "aom", label: "Votre intercommunalité est-elle autorité organisatrice de la mobilité ?", kind: ONE, choices: yesNo(["aom-locale"], ["aom-region"]) },
          {
            id: "schema-cyclable",
            label: "Un schéma directeur cyclable existe-t-il ?",
            kind: ONE,
            choices: yesNo([], ["schema-cyclable-a-faire"]),
            showIf: { questionId: "enjeux", values: ["velo"] },
          },
          { id: "precisions", label: "Précisez les trajets concernés", kind: TEXT },
        ],
      },
    ],
  },
];

/** Writes the demo questionnaires (version 1) when there are none yet; returns how many. */
export async function seedDemoQuestionnaires(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM questionnaire");
  if (n > 0) return 0;
  await dataSource.transaction(async (manager) => {
    for (const demo of DEMO_QUESTIONNAIRES) {
      const definition = validateDefinition(demo);
      const [{ id }] = await manager.query<{ id: string }[]>("INSERT INTO questionnaire (theme, current_version) VALUES ($1, 1) RETURNING id", [demo.theme]);
      await manager.query("INSERT INTO questionnaire_version (questionnaire_id, version, title, description, sets) VALUES ($1, 1, $2, $3, $4)", [
        id,
        definition.title,
        definition.description,
        JSON.stringify(definition.sets),
      ]);
    }
  });
  return DEMO_QUESTIONNAIRES.length;
}
