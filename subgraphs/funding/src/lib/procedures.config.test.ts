import { join } from "node:path";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { loadProcedures, parseProcedures } from "./procedures.config";
import { planPrefill, type ProjectData } from "../rules/prefill-mapping";

const id = (n: number) => Buffer.from(`Champ-${n}`).toString("base64").replace(/=+$/, "");
const champ = (extra: Record<string, unknown> = {}) => ({ id: id(1), label: "Intitulé", type: "text", source: "project.title", required: true, ...extra });
const procedure = (extra: Record<string, unknown> = {}) => ({ key: "FONDS_VERT", name: "Fonds vert", demarcheNumber: 1, champs: [champ()], ...extra });

describe("procedures configuration", () => {
  it("accepts the committed file: Fonds vert, DETR, DSIL and FNADT", () => {
    expect(loadProcedures().map((p) => p.key)).toEqual(["FONDS_VERT", "DETR", "DSIL", "FNADT"]);
  });

  it.each([
    ["no procedures", {}, "`procedures` must be a non-empty array"],
    ["a lower-case key", { procedures: [procedure({ key: "fonds" })] }, "procedures[0].key must be upper-case letters, digits and '_' (got \"fonds\")"],
    ["a key twice", { procedures: [procedure(), procedure({ demarcheNumber: 2 })] }, 'procedures[1].key "FONDS_VERT" is repeated'],
    ["a démarche number twice", { procedures: [procedure(), procedure({ key: "DETR" })] }, "procedures[1].demarcheNumber 1 is repeated"],
    ["a démarche number that is not a number", { procedures: [procedure({ demarcheNumber: "12" })] }, "procedures[0].demarcheNumber must be a positive integer"],
    ["a champ id that is not a typed id", { procedures: [procedure({ champs: [champ({ id: Buffer.from("Dossier-4").toString("base64") })] })] }, 'does not decode to "Champ-<number>"'],
    ["an unknown champ type", { procedures: [procedure({ champs: [champ({ type: "carte" })] })] }, "procedures[0].champs[0].type must be one of"],
    ["an unknown source", { procedures: [procedure({ champs: [champ({ source: "project.mayor" })] })] }, "procedures[0].champs[0].source must be one of"],
    [
      "a source that cannot fill the type",
      { procedures: [procedure({ champs: [champ({ type: "communes" })] })] },
      "procedures[0].champs[0]: source project.title cannot fill a communes champ (only text, textarea)",
    ],
    ["neither source nor value", { procedures: [procedure({ champs: [champ({ source: undefined })] })] }, "procedures[0].champs[0] needs a source or a value"],
    ["required not a boolean", { procedures: [procedure({ champs: [champ({ required: "yes" })] })] }, "procedures[0].champs[0].required must be true or false"],
    ["a procedure that is not an object", { procedures: [null] }, "procedures[0].key must be upper-case letters, digits and '_' (got \"\")"],
    ["a champ that is not an object", { procedures: [procedure({ champs: [null] })] }, "procedures[0].champs[0] needs a source or a value"],
    ["a key that is not a string", { procedures: [procedure({ key: ["FONDS_VERT"] })] }, "procedures[0].key must be upper-case letters, digits and '_' (got [\"FONDS_VERT\"])"],
    ["a source named like an Object member", { procedures: [procedure({ champs: [champ({ source: "constructor" })] })] }, "procedures[0].champs[0].source must be one of project.title"],
  ])("refuses %s", (_name, raw, message) => {
    const problems: string[] = [];
    parseProcedures(raw, problems);
    expect(problems.join("\n")).toContain(message);
  });

  it("fails to load a broken file with its path and every problem", () => {
    const file = join(mkdtempSync(join(tmpdir(), "procedures-")), "procedures.json");
    writeFileSync(file, JSON.stringify({ procedures: [procedure({ key: "x", champs: [champ({ type: "carte" })] })] }));
    expect(() => loadProcedures(file)).toThrow(new RegExp(`^DS procedures file ${file} is invalid: procedures\\[0\\]\\.key .*; procedures\\[0\\]\\.champs\\[0\\]\\.type`));
    writeFileSync(file, "{ not json");
    expect(() => loadProcedures(file)).toThrow(`DS procedures file ${file}:`);
  });
});

describe("prefill mapping", () => {
  const project: ProjectData = {
    id: "9f1c1a7e-0000-4000-8000-000000000001",
    title: "Rénovation de l’école",
    description: "Isolation et chauffage",
    budgetEuros: 250000.5,
    startDate: "2026-09-01",
    endDate: null,
    territoryIds: ["COMMUNE:63113"],
    needs: null,
  };
  const [fondsVert, detr, dsil, fnadt] = loadProcedures();

  it("writes every value in DS's format: communes [postcode, INSEE], EPCI [département, SIREN], ISO dates, numbers", () => {
    const plan = planPrefill(fondsVert, project);
    expect(plan).toEqual({
      values: {
        [`champ_${id(1011)}`]: "Rénovation de l’école",
        [`champ_${id(1012)}`]: "Isolation et chauffage",
        [`champ_${id(1013)}`]: ["63000", "63113"],
        [`champ_${id(1014)}`]: ["63", "246300701"],
        [`champ_${id(1015)}`]: 250000.5,
        [`champ_${id(1016)}`]: "2026-09-01",
        [`champ_${id(1019)}`]: project.id,
      },
    });
    expect(planPrefill(detr, project)).toMatchObject({ values: { [`champ_${id(1033)}`]: "63", [`champ_${id(1034)}`]: 250001 } });
    expect(planPrefill(dsil, project)).toMatchObject({ values: { [`champ_${id(1053)}`]: "84" } });
  });

  it("fills an EPCI carrier's démarche with its SIREN and the département of its members", () => {
    expect(planPrefill(fnadt, { ...project, territoryIds: ["EPCI:246300701"] })).toMatchObject({ values: { [`champ_${id(1072)}`]: ["63", "246300701"], [`champ_${id(1073)}`]: "63" } });
  });

  it("lists, in French, what a project lacks, and nothing to send", () => {
    expect(planPrefill(fondsVert, { ...project, description: " ", budgetEuros: null, startDate: null })).toEqual({
      missing: [
        { champ: "Description du projet", message: "Complétez la description du projet (champ « Description du projet »)." },
        { champ: "Coût total du projet (€ HT)", message: "Complétez le budget estimé du projet (champ « Coût total du projet (€ HT) »)." },
        { champ: "Date prévisionnelle de début des travaux", message: "Complétez la date de début prévue (champ « Date prévisionnelle de début des travaux »)." },
      ],
    });
  });
});
