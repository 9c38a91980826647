import { communePlaces, epciAncestry, loadCog, loadThemes, parseCsv } from "@hub/reference";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { AUDIENCE_NAMES, DESTINATION_NAMES, STEP_NAMES } from "../rules/vocabulary";
import { audiencesOf, DEPARTEMENTAL, EUROPEAN, INTERCOMMUNAL, REGIONAL, type AidTemplate } from "./catalogue";
import { NATIONAL } from "./catalogue-national";

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
export type AtAid = Record<string, unknown> & {
  id: number;
  slug: string;
  name: string;
  submission_deadline: string | null;
  perimeterId: number;
  categorySlugs: string[];
  audienceSlugs: string[];
  groupSlug: string;
  stepSlugs: string[];
  destinationSlugs: string[];
};

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

const TYPES: Record<AidTemplate["type"], { id: number; group: { id: number; name: string } }> = {
  Subvention: { id: 1, group: { id: 1, name: "Aide financière" } },
  Prêt: { id: 2, group: { id: 1, name: "Aide financière" } },
  "Avance récupérable": { id: 3, group: { id: 1, name: "Aide financière" } },
  "Ingénierie technique": { id: 8, group: { id: 2, name: "Aide en ingénierie" } },
  "Ingénierie financière": { id: 9, group: { id: 2, name: "Aide en ingénierie" } },
};

const addDays = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Deterministic demo aids on real perimeters (ids from 150000): the national and European
 * templates, three per région, two per département, one per EPCI, and one aid whose optional
 * fields are missing. Deadlines are counted from `today` (YYYY-MM-DD).
 */
export function buildAids(perimeters: AtPerimeter[], today: string): AtAid[] {
  const themes = new Map(loadThemes().map((t) => [t.slug, t]));
  const find = (scale: string, code: string) => {
    const perimeter = perimeters.find((p) => p.scale === scale && p.code === code);
    if (!perimeter) throw new Error(`The perimeters dump has no ${scale} ${code}`);
    return perimeter;
  };
  const aids: AtAid[] = [];
  const add = (template: AidTemplate, name: string, financer: string, perimeter: AtPerimeter, perimeterScale: string) => {
    const id = 150000 + aids.length;
    const t = themes.get(template.theme);
    if (!t) throw new Error(`Aid template "${template.name}" has an unknown theme ${template.theme}`);
    const categories = t.categories.slice(0, 3);
    const slug = `${id}-${name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60)}`;
    const type = TYPES[template.type];
    const engineering = type.group.id === 2;
    const audiences = audiencesOf(template);
    aids.push({
      id,
      slug,
      url: `/aides/${slug}/`,
      name,
      name_initial: name,
      short_title: null,
      financers: [financer],
      financers_full: [{ id: 1000 + (financer.length % 97), name: financer, logo: null }],
      instructors: [financer],
      instructors_full: [{ id: 1000 + (financer.length % 97), name: financer, logo: null }],
      programs: [],
      description: `<p>${name}. Donnée de démonstration servie par la doublure locale de l'API Aides-territoires.</p>`,
      eligibility: `<p>Bénéficiaires : ${audiences.map((a) => AUDIENCE_NAMES[a]).join(", ")}.</p>`,
      perimeter: perimeter.name,
      perimeter_scale: perimeterScale,
      mobilization_steps: template.steps.map((s) => STEP_NAMES[s]),
      origin_url: null,
      categories: categories.map((c) => `${t.name} / ${c.name}`),
      is_call_for_project: template.callForProject ?? false,
      application_url: template.callForProject ? `https://demarches.example.invalid/aap-${id}` : null,
      targeted_audiences: audiences.map((a) => AUDIENCE_NAMES[a]),
      aid_types: [template.type],
      aid_types_full: [{ id: type.id, name: template.type, group: type.group }],
      is_charged: false,
      destinations: template.destinations.map((d) => DESTINATION_NAMES[d]),
      start_date: "2026-01-01",
      predeposit_date: null,
      submission_deadline: template.deadlineDays === undefined || template.deadlineDays === null ? null : addDays(today, template.deadlineDays),
      subvention_rate_lower_bound: template.rate?.[0] ?? null,
      subvention_rate_upper_bound: template.rate?.[1] ?? null,
      subvention_comment: template.rate ? "Taux indicatif, selon le plan de financement." : null,
      loan_amount: template.type === "Prêt" ? 1000000 : null,
      recoverable_advance_amount: template.type === "Avance récupérable" ? 500000 : null,
      contact: `<p>Contact de démonstration : ${financer}, service instructeur.</p>`,
      recurrence: template.deadlineDays === undefined || template.deadlineDays === null ? "Permanente" : "Ponctuelle",
      project_examples: null,
      import_data_url: null,
      import_data_mention: null,
      import_share_licence: null,
      date_created: "2026-01-05T10:00:00+01:00",
      date_updated: null,
      project_references: [],
      european_aid: perimeterScale === "Continent" ? "sectorial" : null,
      is_live: true,
      // Not part of the API's answer: what the stand-in filters on (stripped before sending).
      perimeterId: perimeterNumber(perimeter),
      categorySlugs: categories.map((c) => c.slug),
      audienceSlugs: audiences,
      groupSlug: engineering ? "technical-group" : "financial-group",
      stepSlugs: template.steps,
      destinationSlugs: template.destinations,
    });
  };
  for (const template of NATIONAL) add(template, template.name, template.financer, find("Pays", "FRA"), "Pays");
  for (const template of EUROPEAN) add(template, template.name, template.financer, find("Continent", "EU"), "Continent");
  for (const region of perimeters.filter((p) => p.scale === "Région")) {
    for (const template of REGIONAL) add(template, `${template.name} — ${region.name}`, `Région ${region.name}`, region, "Région");
  }
  for (const departement of perimeters.filter((p) => p.scale === "Département")) {
    for (const template of DEPARTEMENTAL) add(template, `${template.name} — ${departement.name}`, `${template.financer} — ${departement.name}`, departement, "Département");
  }
  for (const epci of perimeters.filter((p) => p.scale === "EPCI")) {
    for (const template of INTERCOMMUNAL) add(template, `${template.name} — ${epci.name}`, epci.name, epci, "epci");
  }
  // An aid as the API sometimes sends them: optional lists and texts missing or null.
  add(
    { name: "Aide à fiche incomplète (démonstration)", theme: "eau", financer: "Financeur inconnu", type: "Subvention", rate: null, steps: [], destinations: [] },
    "Aide à fiche incomplète (démonstration)",
    "",
    find("Pays", "FRA"),
    "Pays",
  );
  const incomplete = aids[aids.length - 1];
  delete incomplete.financers;
  delete incomplete.financers_full;
  delete incomplete.aid_types_full;
  delete incomplete.mobilization_steps;
  delete incomplete.destinations;
  delete incomplete.eligibility;
  delete incomplete.contact;
  delete incomplete.targeted_audiences;
  incomplete.description = null;
  return aids;
}
