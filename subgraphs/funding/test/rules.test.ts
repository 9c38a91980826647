import { normaliseAid, type AtAidResult } from "../src/clients/aides-territoires.types";
import { categoriesOfThemes, daysBetween, kindOf, matchAid, searchCriteria, type MatchCriteria } from "../src/rules/matching";
import { compareRanked, rankAids, scoreAid } from "../src/rules/ranking";
import { audienceOf } from "../src/rules/vocabulary";

const TODAY = "2026-03-01";

function aid(overrides: Partial<AtAidResult> = {}): AtAidResult {
  return {
    ...normaliseAid({ id: 1, name: "Aide" })!,
    perimeter: "Puy-de-Dôme",
    perimeter_scale: "Département",
    categories: ["Eau et milieux aquatiques / Eau potable"],
    targeted_audiences: ["Commune", "EPCI à fiscalité propre"],
    mobilization_steps: ["Réflexion / conception"],
    destinations: ["Dépenses de fonctionnement"],
    aid_types: ["Subvention"],
    aid_types_full: [{ id: 1, name: "Subvention", group: { id: 1, name: "Aide financière" } }],
    ...overrides,
  };
}

const criteria = (overrides: Partial<MatchCriteria> = {}): MatchCriteria => ({ audience: "commune", themes: ["eau"], phase: "ETUDE", kind: null, today: TODAY, ...overrides });

describe("matching rules", () => {
  it("derives the search from the project: audience from the carrier, categories from themes, steps from the phase", () => {
    expect(audienceOf("COMMUNE:63113")).toBe("commune");
    expect(audienceOf("EPCI:246300701")).toBe("epci");
    expect(audienceOf("CRTE:crte-63-01")).toBeNull();
    const search = searchCriteria(95861, "commune", ["eau"], "OPERATION");
    expect(search).toEqual({ perimeterId: 95861, audience: "commune", categorySlugs: categoriesOfThemes(["eau"]), stepSlugs: ["op"] });
    expect(search.categorySlugs.length).toBe(6);
    expect(searchCriteria(1, "epci", [], null).stepSlugs).toEqual([]);
  });

  it.each<[string, Partial<AtAidResult>, Partial<MatchCriteria>]>([
    ["a closed call (deadline passed)", { submission_deadline: "2026-02-28" }, {}],
    ["another audience", { targeted_audiences: ["Département"] }, {}],
    ["another theme", { categories: ["Mobilité / transports / Vélo"] }, {}],
    ["another step", { mobilization_steps: ["Usage / valorisation"] }, {}],
    ["operating expenses only, for works", { mobilization_steps: ["Mise en œuvre / réalisation"], destinations: ["Dépenses de fonctionnement"] }, { phase: "OPERATION" }],
    ["engineering, when money is asked", { aid_types_full: [{ id: 8, name: "Ingénierie technique", group: { id: 2, name: "Aide en ingénierie" } }] }, { kind: "FINANCIAL" }],
    ["money, when engineering is asked", {}, { kind: "ENGINEERING" }],
  ])("excludes %s", (_label, fields, wanted) => {
    expect(matchAid(aid(fields), criteria(wanted))).toBeNull();
  });

  it("keeps an aid closing today, and one whose optional lists are missing", () => {
    expect(matchAid(aid({ submission_deadline: TODAY }), criteria())?.daysLeft).toBe(0);
    const bare = normaliseAid({ id: 7, name: "Fiche incomplète", financers: null, aid_types_full: "oops", mobilization_steps: undefined })!;
    expect(bare.financers).toEqual([]);
    expect(kindOf(bare)).toBe("FINANCIAL");
    expect(matchAid(bare, criteria())).toMatchObject({ themes: [], stepMatched: false, destinations: [], daysLeft: null });
    expect(normaliseAid({ name: "sans id" })).toBeNull();
  });

  it("counts days in calendar days", () => {
    expect(daysBetween("2026-03-01", "2026-03-13")).toBe(12);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // across the change to summer time
  });
});

describe("ranking rules", () => {
  it("says why, in French", () => {
    const match = matchAid(aid({ submission_deadline: "2026-03-13", is_call_for_project: true, subvention_rate_lower_bound: 20, subvention_rate_upper_bound: 80 }), criteria())!;
    const ranked = scoreAid(match, { carrier: "commune" }, "ETUDE");
    expect(ranked.reasons).toEqual([
      "Couvre votre commune",
      "Aide départementale (Puy-de-Dôme)",
      "Thème : Eau et milieux aquatiques",
      "Adapté à la phase Études",
      "Finance le fonctionnement",
      "Date limite dans 12 jours",
      "Appel à projets",
      "Taux de subvention de 20 à 80 %",
    ]);
    // 5 (carrier) + 20 (département) + 20 (theme) + 15 (phase) + 5 (destination) + 10 (closes within 30 days) + 8 (rate)
    expect(ranked.score).toBe(83);
    const engineering = scoreAid(
      matchAid(aid({ perimeter: "France", perimeter_scale: "Pays", aid_types_full: [{ id: 8, name: "Ingénierie technique", group: { id: 2, name: "Aide en ingénierie" } }] }), criteria())!,
      { commune: "Aubière" },
      "ETUDE",
    );
    expect(engineering.reasons).toEqual([
      "Couvre la commune de Aubière",
      "Aide nationale",
      "Thème : Eau et milieux aquatiques",
      "Adapté à la phase Études",
      "Finance le fonctionnement",
      "Sans date limite",
      "Accompagnement en ingénierie",
    ]);
  });

  it("puts the local aid first, then the nearest deadline, then the lowest id", () => {
    const make = (id: number, fields: Partial<AtAidResult>) => ({ match: matchAid(aid({ id, ...fields }), criteria())!, coverage: { carrier: "commune" } as const });
    const ranked = rankAids(
      [
        make(1, { perimeter: "France", perimeter_scale: "Pays" }),
        make(2, { perimeter: "Clermont Auvergne Métropole", perimeter_scale: "epci" }),
        make(3, { submission_deadline: "2026-12-01" }),
        make(4, { submission_deadline: "2026-11-01" }),
        make(5, {}),
        make(6, {}),
      ],
      "ETUDE",
    );
    expect(ranked.map((r) => r.aid.id)).toEqual([2, 4, 3, 5, 6, 1]);
    expect(ranked.every((r, i) => i === 0 || compareRanked(ranked[i - 1], r) < 0)).toBe(true);
    expect(ranked.every((r) => r.score >= 0 && r.score <= 100)).toBe(true);
  });

  it("gives more to a project's several themes and to a near deadline", () => {
    const both = matchAid(aid({ categories: ["Eau et milieux aquatiques / Eau potable", "Nature / environnement / Biodiversité"] }), criteria({ themes: ["eau", "nature-environnement-risques"] }))!;
    const one = matchAid(aid(), criteria({ themes: ["eau", "nature-environnement-risques"] }))!;
    expect(both.themes).toEqual(["Eau et milieux aquatiques", "Nature / environnement"]);
    expect(scoreAid(both, { carrier: "commune" }, "ETUDE").score - scoreAid(one, { carrier: "commune" }, "ETUDE").score).toBe(5);
    const soon = scoreAid(matchAid(aid({ submission_deadline: "2026-03-02" }), criteria())!, { carrier: "commune" }, "ETUDE");
    expect(soon.reasons).toContain("Date limite demain");
    const later = scoreAid(matchAid(aid({ submission_deadline: "2026-05-15" }), criteria())!, { carrier: "commune" }, "ETUDE");
    expect(soon.score - later.score).toBe(5);
  });
});
