/**
 * Aides-Territoires vocabularies: the API filters by slug, but an aid lists display names
 * (docs/external-apis.md). These tables map one to the other (names as the API's reference
 * lists give them: /api/aids/steps/, /api/aids/destinations/, /api/aids/audiences/).
 */

/** The hub's project phases. */
export type Phase = "IDEE" | "ETUDE" | "OPERATION";

/** aid_step_slugs → the names in an aid's `mobilization_steps`. */
export const STEP_NAMES: Record<string, string> = {
  preop: "Réflexion / conception",
  op: "Mise en œuvre / réalisation",
  postop: "Usage / valorisation",
};

/** The steps of the API that fit a phase of the hub: an idea and studies are conception, an operation is carried out. */
export const PHASE_STEPS: Record<Phase, string[]> = {
  IDEE: ["preop"],
  ETUDE: ["preop"],
  OPERATION: ["op"],
};

/** French label of a phase, for reasons. */
export const PHASE_LABELS: Record<Phase, string> = { IDEE: "Idée", ETUDE: "Études", OPERATION: "Opération" };

/** aid_destination_slugs → the names in an aid's `destinations`. */
export const DESTINATION_NAMES: Record<string, string> = {
  supply: "Dépenses de fonctionnement",
  investment: "Dépenses d'investissement",
};

/**
 * The expenses a phase makes: studies and ideas are paid as operating or investment
 * expenses, works as investment.
 */
export const PHASE_DESTINATIONS: Record<Phase, string[]> = {
  IDEE: ["supply", "investment"],
  ETUDE: ["supply", "investment"],
  OPERATION: ["investment"],
};

/** organization_type_slugs → the names in an aid's `targeted_audiences`. */
export const AUDIENCE_NAMES: Record<string, string> = {
  commune: "Commune",
  epci: "EPCI à fiscalité propre",
  department: "Département",
  region: "Région",
};

/** The audience of a carrier, from its territory id's kind (COMMUNE:…, EPCI:…). */
export function audienceOf(territoryId: string): string | null {
  const kind = territoryId.split(":")[0];
  return ({ COMMUNE: "commune", EPCI: "epci", DEPARTEMENT: "department", REGION: "region" } as Record<string, string>)[kind] ?? null;
}

/** An aid's perimeter scale (its `perimeter_scale`) → its level, most local first. */
export const SCALE_LEVELS: Record<string, { rank: number; label: string }> = {
  commune: { rank: 0, label: "Aide communale" },
  epci: { rank: 1, label: "Aide intercommunale" },
  "Ad-hoc": { rank: 2, label: "Aide locale" },
  "Bassin hydrographique": { rank: 2, label: "Aide de bassin" },
  Département: { rank: 3, label: "Aide départementale" },
  Région: { rank: 4, label: "Aide régionale" },
  "Outre-mer": { rank: 5, label: "Aide ultramarine" },
  Métropole: { rank: 5, label: "Aide nationale" },
  Pays: { rank: 5, label: "Aide nationale" },
  Continent: { rank: 6, label: "Aide européenne" },
};

/** The aid-type group of engineering aids (its name in `aid_types_full[].group`). */
export const ENGINEERING_GROUP = /ing[ée]nierie/i;
