import { badInput, hasRole, type Viewer } from "@hub/kit";
import { communeAncestry, epciAncestry, loadCog } from "@hub/reference";

/**
 * Who writes the library and the contact book (pure: the reference map in memory, no database).
 *
 * - ANCT national agents (and the hub itself): every sheet and contact, national ones included.
 * - State agents (DDT, préfecture): sheets whose territories are all among their départements,
 *   and contacts placed in one of them (a département, or a commune or EPCI inside it). A sheet
 *   for all of France or a région is not theirs.
 * - Experts (operators: Cerema, ADEME...): the sheets and contacts their organisation maintains
 *   (those they created), at any scope: their offer is theirs.
 * A change must be allowed on the row as it is and as it would become, so that nobody moves a
 * sheet into, or out of, their reach.
 */
export interface Scope {
  /** A sheet's territories (régions, départements; empty: France) or a contact's territory (none: France). */
  territoryIds: readonly string[];
  ownerOrganizationId: string | null;
}

/** The départements a territory lies in (a commune's, an EPCI's members', a département itself); null for a région or France. */
export function departementsOf(territoryId: string): string[] | null {
  const [kind, code] = territoryId.split(":");
  if (kind === "DEPARTEMENT") return [code];
  const ancestry = kind === "COMMUNE" ? communeAncestry(code) : kind === "EPCI" ? epciAncestry(code) : null;
  if (!ancestry) return null;
  return ancestry.filter((id) => id.startsWith("DEPARTEMENT:")).map((id) => id.slice("DEPARTEMENT:".length));
}

export function canWrite(viewer: Viewer, scope: Scope): boolean {
  if (hasRole(viewer, "ANCT_NATIONAL", "SERVICE")) return true;
  if (hasRole(viewer, "EXPERT") && viewer.organizationId !== null && scope.ownerOrganizationId === viewer.organizationId) return true;
  if (hasRole(viewer, "STATE_AGENT") && scope.territoryIds.length > 0) {
    return scope.territoryIds.every((id) => {
      const departements = departementsOf(id);
      return departements !== null && departements.length > 0 && departements.every((code) => viewer.departements.includes(code));
    });
  }
  return false;
}

/**
 * The owner of what a viewer creates: an expert's organisation (its experts may edit it later);
 * for ANCT and State agents, their organisation too (rights then come from the territories).
 */
export function ownerOnCreate(viewer: Viewer): string | null {
  return viewer.organizationId;
}

/** A sheet's territories: régions and départements of the map, without repeats (empty: France). */
export function validateResourceTerritories(ids: readonly string[], field = "territoryIds"): string[] {
  if (ids.length > 30) throw badInput("Au plus 30 territoires par fiche", field);
  const cog = loadCog();
  for (const id of ids) {
    const [kind, code] = id.split(":");
    const known = kind === "REGION" ? cog.regions.some((r) => r.code === code) : kind === "DEPARTEMENT" ? cog.departements.some((d) => d.code === code) : false;
    if (!known) throw badInput(`« ${id.slice(0, 60)} » n'est ni une région ni un département (REGION:<code>, DEPARTEMENT:<code> ; aucun : toute la France)`, field);
  }
  return [...new Set(ids)];
}

/** A contact's territory: a région, a département, an EPCI or a commune of the map. */
export function validateContactTerritory(id: string, field = "territoryId"): string {
  const [kind, code] = id.split(":");
  const cog = loadCog();
  const known =
    kind === "REGION"
      ? cog.regions.some((r) => r.code === code)
      : kind === "DEPARTEMENT"
        ? cog.departements.some((d) => d.code === code)
        : kind === "COMMUNE" || kind === "EPCI"
          ? departementsOf(id) !== null
          : false;
  if (!known) throw badInput(`« ${id.slice(0, 60)} » n'est pas un territoire connu (REGION, DEPARTEMENT, EPCI ou COMMUNE)`, field);
  return id;
}

/**
 * The sheet territories that apply to a place: a commune or an EPCI matches the sheets of its
 * département(s) and région(s), a département those of its région, a région its own; France's
 * sheets (no territory) match everywhere. Null for an unknown place.
 */
export function applicableTerritories(territoryId: string): string[] | null {
  const [kind, code] = territoryId.split(":");
  const cog = loadCog();
  if (kind === "REGION") return cog.regions.some((r) => r.code === code) ? [territoryId] : null;
  if (kind === "DEPARTEMENT") {
    const departement = cog.departements.find((d) => d.code === code);
    return departement ? [territoryId, `REGION:${departement.region}`] : null;
  }
  const ancestry = kind === "COMMUNE" ? communeAncestry(code) : kind === "EPCI" ? epciAncestry(code) : null;
  return ancestry ? ancestry.filter((id) => id.startsWith("DEPARTEMENT:") || id.startsWith("REGION:")) : null;
}
