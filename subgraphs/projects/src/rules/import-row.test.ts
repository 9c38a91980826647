import { ProjectPhase, ProjectStatus } from "../entities/project.entity";
import { checkHeaders, checkImportRow, normaliseHeader } from "./import-row";

const BASE = { identifiant_externe: "FA-1", territoire: "63113", titre: "École", statut: "déposé" };
const cellsOf = (cells: Record<string, string>) => ({ ...BASE, ...cells });
const project = (cells: Record<string, string>) => {
  const check = checkImportRow(2, cellsOf(cells));
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.project;
};
const errors = (cells: Record<string, string>) => {
  const check = checkImportRow(7, cellsOf(cells));
  return check.ok ? [] : check.errors.map((e) => [e.line, e.column, e.message]);
};

describe("an import file's headers", () => {
  it.each([
    ["Identifiant externe", "identifiant_externe"],
    ["Date début", "date_debut"],
    ["  THÉMATIQUES ", "thematiques"],
    ["Programme", "programmes"],
    ["date-fin", "date_fin"],
  ])("reads %j as %j", (header, column) => {
    expect(normaliseHeader(header)).toBe(column);
  });

  it("names the missing, unknown and repeated columns", () => {
    expect(checkHeaders(["titre", "titre", "couleur", ""])).toEqual([
      { line: 1, column: "titre", message: "Colonne « titre » en double" },
      { line: 1, column: "couleur", message: expect.any(String) as string },
      { line: 1, column: "identifiant_externe", message: "Colonne obligatoire « identifiant_externe » absente" },
      { line: 1, column: "territoire", message: "Colonne obligatoire « territoire » absente" },
      { line: 1, column: "statut", message: "Colonne obligatoire « statut » absente" },
    ]);
  });
});

describe("one line of an import file", () => {
  it("gives the project in its normal form, owned by the collectivité of its territory", () => {
    expect(
      project({ thematiques: "eau | eau|energies-dechets", programmes: "CRTE|Fonds vert", phase: "Opération", budget: "1 250 000,50 €", date_debut: "01/09/2026", date_fin: "2027-06-30" }),
    ).toEqual({
      externalId: "FA-1",
      territoryId: "COMMUNE:63113",
      territoryIds: expect.arrayContaining(["COMMUNE:63113", "DEPARTEMENT:63", "REGION:84"]) as string[],
      ownerId: "COLLECTIVITE:216301135",
      title: "École",
      description: "",
      themes: ["eau", "energies-dechets"],
      programmes: ["CRTE", "Fonds vert"],
      phase: ProjectPhase.OPERATION,
      budgetEuros: 1250001,
      startDate: "2026-09-01",
      endDate: "2027-06-30",
      status: ProjectStatus.SUBMITTED,
    });
  });

  it.each([
    ["63113", "COMMUNE:63113", "COLLECTIVITE:216301135"],
    ["COMMUNE:63113", "COMMUNE:63113", "COLLECTIVITE:216301135"],
    ["2A004", "COMMUNE:2A004", expect.stringMatching(/^COLLECTIVITE:\d{9}$/) as string],
    ["200071751", "EPCI:200071751", "COLLECTIVITE:200071751"],
    ["216301135", "COMMUNE:63113", "COLLECTIVITE:216301135"],
  ])("places territoire %j on %s", (territoire, territoryId, ownerId) => {
    expect(project({ territoire })).toMatchObject({ territoryId, ownerId });
  });

  it.each([
    ["brouillon", ProjectStatus.DRAFT],
    ["Déposé", ProjectStatus.SUBMITTED],
    ["en cours", ProjectStatus.IN_PROGRESS],
    ["ABANDONED", ProjectStatus.ABANDONED],
    ["terminé", ProjectStatus.COMPLETED],
  ])("reads statut %j as %s", (statut, status) => {
    expect(project({ statut }).status).toBe(status);
  });

  it.each([
    [{ territoire: "631" }, "territoire", "« 631 » n'est ni un code INSEE de commune (5 caractères) ni un SIREN d'EPCI (9 chiffres)"],
    [{ territoire: "123456789" }, "territoire", "Aucune commune ni EPCI actuel de SIREN 123456789"],
    [{ titre: "x".repeat(201) }, "titre", "Titre de plus de 200 caractères"],
    [{ identifiant_externe: "x".repeat(101) }, "identifiant_externe", "Identifiant externe de plus de 100 caractères"],
    [{ phase: "chantier" }, "phase", "Phase inconnue « chantier » (idée, étude ou opération)"],
    [{ budget: "-5" }, "budget", "« -5 » n'est pas un montant en euros (exemple : 1250000 ou 1 250 000,50)"],
    [{ date_fin: "31/02/2026" }, "date_fin", "« 31/02/2026 » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)"],
    [{ statut: "" }, "statut", "Statut obligatoire (brouillon, depose, qualifie, attribue, en_cours, termine, abandonne)"],
    [{ programmes: Array.from({ length: 21 }, (_, i) => `P${i}`).join("|") }, "programmes", "Plus de 20 programmes"],
  ])("refuses %j", (cells, column, message) => {
    expect(errors(cells)).toEqual([[7, column, message]]);
  });
});
