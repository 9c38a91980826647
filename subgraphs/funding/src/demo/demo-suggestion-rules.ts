import type { EntityManager } from "typeorm";
import { SuggestionRule } from "../entities/suggestion.entity";
import { validateRule } from "../rules/suggestions";

/** Demo rules on the tags of the projects' demo questionnaires, naming demo sheets by title. */
export const DEMO_RULES: { name: string; tags?: string[]; themes?: string[]; territoryIds?: string[]; sheets: string[]; owner: string | null }[] = [
  {
    name: "Chauffage fossile d'un bâtiment public",
    tags: ["chauffage-fioul", "chauffage-fossile", "chaudiere-ancienne"],
    sheets: ["Fonds chaleur : réseaux de chaleur renouvelable", "Conseil en énergie partagé pour les petites communes"],
    owner: null,
  },
  { name: "Écoles à rénover", tags: ["batiment-scolaire"], themes: ["energies-dechets"], sheets: ["Rénovation énergétique des écoles : le programme EduRénov"], owner: null },
  { name: "Communes sans conseiller en énergie", tags: ["sans-conseiller-energie", "audit-a-faire"], sheets: ["Conseil en énergie partagé pour les petites communes"], owner: null },
  {
    name: "Centre-bourg en perte de vitalité",
    tags: ["vacance-commerciale", "habitat-degrade", "etude-urbaine-a-faire"],
    sheets: ["Diagnostic de revitalisation du centre-bourg", "Petites villes de demain", "OPAH : opération programmée d'amélioration de l'habitat"],
    owner: null,
  },
  {
    name: "Appui de la DDT du Puy-de-Dôme aux études",
    tags: ["etude-urbaine-a-faire", "foncier-a-maitriser"],
    territoryIds: ["DEPARTEMENT:63"],
    sheets: ["Mission d'appui en ingénierie de la DDT du Puy-de-Dôme"],
    owner: "DDT:63",
  },
  { name: "Mobilités rurales", tags: ["aom-region", "mobilite-partagee", "transport-collectif"], sheets: ["Accompagnement des mobilités rurales"], owner: null },
  {
    name: "Vélo en Auvergne-Rhône-Alpes",
    tags: ["mobilite-velo", "schema-cyclable-a-faire"],
    territoryIds: ["REGION:84"],
    sheets: ["Plan vélo régional : aménagements cyclables en Auvergne-Rhône-Alpes", "Aménagement des bourgs : espaces publics et sécurité routière"],
    owner: null,
  },
];

/** Writes the demo rules beside the demo sheets (their ids by title), in the caller's transaction. */
export async function seedDemoRules(manager: EntityManager, sheetIds: ReadonlyMap<string, string>, now: Date): Promise<void> {
  for (const demo of DEMO_RULES) {
    const resourceIds = demo.sheets.map((title) => {
      const id = sheetIds.get(title);
      if (!id) throw new Error(`demo rules: no demo sheet "${title}"`);
      return id;
    });
    const data = validateRule({ ...demo, resourceIds });
    await manager.getRepository(SuggestionRule).insert({ ...data, ownerOrganizationId: demo.owner, version: 1, updatedBy: null, createdAt: now, updatedAt: now });
  }
}
