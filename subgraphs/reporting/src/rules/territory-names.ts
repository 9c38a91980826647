import { loadCog } from "@hub/reference";

let names: Map<string, string> | null = null;

/** The name of a territory id (COMMUNE:63113 → Clermont-Ferrand), from the reference map held in memory; null when unknown. */
export function territoryName(id: string): string | null {
  if (!names) {
    const cog = loadCog();
    const index = new Map<string, string>();
    for (const r of cog.regions) index.set(`REGION:${r.code}`, r.nom);
    for (const d of cog.departements) index.set(`DEPARTEMENT:${d.code}`, d.nom);
    for (const c of cog.communes) if (c.type === "commune-actuelle") index.set(`COMMUNE:${c.code}`, c.nom);
    for (const e of cog.epcis) index.set(`EPCI:${e.code}`, e.nom);
    for (const m of cog.crteMembers) index.set(`CRTE:${m.id}`, m.name);
    names = index;
  }
  return names.get(id) ?? null;
}

/** The codes and names of the territories of one kind among ids ("COMMUNE", ["COMMUNE:63113"] → { codes: "63113", names: "Clermont-Ferrand" }), joined with ", ". */
export function territoriesOfKind(ids: readonly string[], kind: "COMMUNE" | "EPCI" | "CRTE" | "DEPARTEMENT" | "REGION"): { codes: string; names: string } {
  const prefix = `${kind}:`;
  const mine = ids.filter((id) => id.startsWith(prefix));
  return { codes: mine.map((id) => id.slice(prefix.length)).join(", "), names: mine.map((id) => territoryName(id) ?? id.slice(prefix.length)).join(", ") };
}
