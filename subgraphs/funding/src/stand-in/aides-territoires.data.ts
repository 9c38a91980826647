import { communePlaces, epciAncestry, loadCog, loadThemes, parseCsv } from "@hub/reference";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** A perimeter as `/api/perimeters/` returns it. */
export interface AtPerimeter {
  id: string;
  text: string;
  name: string;
  scale: string;
  zipcodes: string[];
  code: string;
}

/** An aid with exactly the keys of `/api/aids/` results (EXTERNAL-APIS.md §1.5). */
export type AtAid = Record<string, unknown> & { id: number; slug: string; name: string; perimeterId: number; categorySlugs: string[]; audienceSlugs: string[]; groupSlug: string };

/** The real perimeters of the 2023 dump (communes, EPCI, départements, régions, France, Europe). */
export function loadPerimeters(): AtPerimeter[] {
  const text = gunzipSync(readFileSync(join(__dirname, "..", "..", "data", "aides-territoires-perimeters-2023.csv.gz"))).toString("utf8");
  return parseCsv(text).map((row) => ({
    id: row.id,
    text: row.text,
    name: row.name,
    scale: row.scale,
    zipcodes: row.zipcodes ? (JSON.parse(row.zipcodes) as string[]) : [],
    code: row.code,
  }));
}

export const perimeterNumber = (perimeter: AtPerimeter): number => parseInt(perimeter.id, 10);

/** For each perimeter id, the ids of the perimeters containing it (itself included). */
export function containment(perimeters: AtPerimeter[]): Map<number, number[]> {
  const byScaleCode = new Map(perimeters.map((p) => [`${p.scale}:${p.code}`, perimeterNumber(p)]));
  const france = byScaleCode.get("Pays:FRA");
  const europe = byScaleCode.get("Continent:EU");
  const top = [france, europe].filter((id): id is number => id !== undefined);
  const places = communePlaces();
  const result = new Map<number, number[]>();
  for (const p of perimeters) {
    const id = perimeterNumber(p);
    const ids = [id];
    if (p.scale === "Commune") {
      const place = places.get(p.code);
      if (place) {
        for (const key of [`Département:${place.departement}`, `Région:${place.region}`, ...place.epcis.map((e) => `EPCI:${e}`)]) {
          const parent = byScaleCode.get(key);
          if (parent !== undefined) ids.push(parent);
        }
      }
    } else if (p.scale === "EPCI") {
      for (const level of epciAncestry(p.code) ?? []) {
        const [kind, code] = level.split(":");
        const parent = byScaleCode.get(`${kind === "DEPARTEMENT" ? "Département" : kind === "REGION" ? "Région" : kind}:${code}`);
        if (parent !== undefined && (kind === "DEPARTEMENT" || kind === "REGION")) ids.push(parent);
      }
    } else if (p.scale === "Département") {
      const region = loadCog().departements.find((d) => d.code === p.code)?.region;
      const parent = region ? byScaleCode.get(`Région:${region}`) : undefined;
      if (parent !== undefined) ids.push(parent);
    }
    if (p.scale !== "Pays" && p.scale !== "Continent") ids.push(...top);
    else if (p.scale === "Pays" && europe !== undefined) ids.push(europe);
    result.set(id, ids);
  }
  return result;
}

const NATIONAL = [
  { name: "Fonds vert : rénovation énergétique des bâtiments publics locaux", theme: "energies-dechets", financer: "Ministère de la Transition écologique", type: "Subvention", group: "Aide financière", rate: 50 },
  { name: "Dotation de soutien à l'investissement local (DSIL)", theme: "urbanisme-logement-amenagement", financer: "Ministère de l'Intérieur", type: "Subvention", group: "Aide financière", rate: 80 },
  { name: "Accompagnement en ingénierie de projet par le Cerema", theme: "urbanisme-logement-amenagement", financer: "Cerema", type: "Ingénierie technique", group: "Aide en ingénierie", rate: null },
  { name: "Programme Petites villes de demain : chef de projet", theme: "developpement-economique", financer: "Agence nationale de la cohésion des territoires (ANCT)", type: "Ingénierie technique", group: "Aide en ingénierie", rate: 75 },
  { name: "Aides des agences de l'eau pour l'eau potable et l'assainissement", theme: "eau", financer: "Agences de l'eau", type: "Subvention", group: "Aide financière", rate: 50 },
  { name: "Plan vélo et mobilités actives : aménagements cyclables", theme: "mobilite-transports", financer: "Ministère chargé des Transports", type: "Subvention", group: "Aide financière", rate: 40 },
  { name: "Restauration du patrimoine protégé au titre des monuments historiques", theme: "culture-patrimoine-sports-tourisme", financer: "Ministère de la Culture", type: "Subvention", group: "Aide financière", rate: 40 },
  { name: "Équipements sportifs de proximité", theme: "culture-patrimoine-sports-tourisme", financer: "Agence nationale du Sport", type: "Subvention", group: "Aide financière", rate: 80 },
  { name: "Maisons de santé pluriprofessionnelles", theme: "solidarites-lien-social", financer: "Agences régionales de santé", type: "Subvention", group: "Aide financière", rate: 30 },
  { name: "Renaturation des villes et des villages", theme: "nature-environnement-risques", financer: "Ministère de la Transition écologique", type: "Subvention", group: "Aide financière", rate: 60 },
  { name: "Prêt relance du secteur public local", theme: "energies-dechets", financer: "Banque des Territoires", type: "Prêt", group: "Aide financière", rate: null },
  { name: "Inclusion numérique : conseillers numériques", theme: "fonctions-support", financer: "Agence nationale de la cohésion des territoires (ANCT)", type: "Subvention", group: "Aide financière", rate: 100 },
];

const REGIONAL = [
  { name: "Contrat régional de revitalisation des centres-bourgs", theme: "developpement-economique", type: "Subvention", group: "Aide financière", rate: 30 },
  { name: "Fonds régional pour la transition énergétique", theme: "energies-dechets", type: "Subvention", group: "Aide financière", rate: 40 },
  { name: "Ingénierie territoriale régionale", theme: "urbanisme-logement-amenagement", type: "Ingénierie technique", group: "Aide en ingénierie", rate: null },
];

/** Deterministic aids on real perimeters: national ones, three per région, one DETR per département. */
export function buildAids(perimeters: AtPerimeter[]): AtAid[] {
  const themes = new Map(loadThemes().map((t) => [t.slug, t]));
  const france = perimeters.find((p) => p.scale === "Pays" && p.code === "FRA")!;
  const aids: AtAid[] = [];
  const add = (name: string, perimeter: AtPerimeter, perimeterScale: string, theme: string, financer: string, type: string, group: string, rate: number | null) => {
    const id = 150000 + aids.length;
    const t = themes.get(theme)!;
    const categories = t.categories.slice(0, 3);
    const slug = `${id}-${name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60)}`;
    const groupId = group === "Aide financière" ? 1 : 2;
    aids.push({
      id,
      slug,
      url: `/aides/${slug}/`,
      name,
      name_initial: name,
      short_title: null,
      financers: [financer],
      financers_full: [{ id: 1000 + (financer.length % 97), name: financer, logo: null }],
      instructors: [],
      instructors_full: [],
      programs: [],
      description: `<p>${name}. Aide de démonstration servie par la doublure locale de l'API Aides-territoires.</p>`,
      eligibility: "<p>Collectivités territoriales et leurs groupements.</p>",
      perimeter: perimeter.name,
      perimeter_scale: perimeterScale,
      mobilization_steps: ["Réflexion / conception", "Mise en œuvre / réalisation"],
      origin_url: null,
      categories: categories.map((c) => `${t.name} / ${c.name}`),
      is_call_for_project: false,
      application_url: null,
      targeted_audiences: ["Commune", "EPCI à fiscalité propre"],
      aid_types: [type],
      aid_types_full: [{ id: type === "Subvention" ? 1 : type === "Prêt" ? 2 : 8, name: type, group: { id: groupId, name: group } }],
      is_charged: false,
      destinations: ["Investissement"],
      start_date: "2026-01-01",
      predeposit_date: null,
      submission_deadline: id % 3 === 0 ? "2027-03-31" : null,
      subvention_rate_lower_bound: rate === null ? null : Math.min(rate, 20),
      subvention_rate_upper_bound: rate,
      subvention_comment: null,
      loan_amount: type === "Prêt" ? 1000000 : null,
      recoverable_advance_amount: null,
      contact: "<p>Contact : service instructeur.</p>",
      recurrence: "Permanente",
      project_examples: null,
      import_data_url: null,
      import_data_mention: null,
      import_share_licence: null,
      date_created: "2026-01-05T10:00:00+01:00",
      date_updated: null,
      project_references: [],
      european_aid: null,
      is_live: true,
      // Not part of the API's answer: what the stand-in filters on (stripped before sending).
      perimeterId: perimeterNumber(perimeter),
      categorySlugs: categories.map((c) => c.slug),
      audienceSlugs: ["commune", "epci"],
      groupSlug: groupId === 1 ? "financial-group" : "technical-group",
    });
  };
  for (const aid of NATIONAL) add(aid.name, france, "Pays", aid.theme, aid.financer, aid.type, aid.group, aid.rate);
  for (const region of perimeters.filter((p) => p.scale === "Région")) {
    for (const aid of REGIONAL) add(`${aid.name} — ${region.name}`, region, "Région", aid.theme, `Région ${region.name}`, aid.type, aid.group, aid.rate);
  }
  for (const departement of perimeters.filter((p) => p.scale === "Département")) {
    add(`Dotation d'équipement des territoires ruraux (DETR) — ${departement.name}`, departement, "Département", "urbanisme-logement-amenagement", `Préfecture — ${departement.name}`, "Subvention", "Aide financière", 40);
  }
  return aids;
}
