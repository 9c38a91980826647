import { hasRole, type Viewer } from "@hub/kit";

/**
 * Whose board a territory is: ANCT national agents open any; a State agent only a territory
 * within its départements (all of them: a région, or an EPCI across two départements, of which
 * it has one, is refused; it asks for its département, its EPCI or its communes instead).
 */
export function mayOpenBoard(viewer: Viewer, territoryDepartements: readonly string[]): boolean {
  if (hasRole(viewer, "ANCT_NATIONAL")) return true;
  return hasRole(viewer, "STATE_AGENT") && territoryDepartements.every((d) => viewer.departements.includes(d));
}
