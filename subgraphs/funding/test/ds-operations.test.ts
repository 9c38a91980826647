import { DS_OPERATIONS } from "@hub/funding";
import { demarchesSimplifieesSchema } from "@hub/funding/stand-in";
import { parse, validate } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Every operation the hub sends to DS's API v2, validated against DS's real schema (the copy in data/). */
describe("operations sent to Démarches Simplifiées", () => {
  it("are checked against the verbatim DS schema, which has the API v2 root fields", () => {
    const text = readFileSync(join(__dirname, "..", "data", "demarches-simplifiees.schema.graphql"), "utf8");
    expect(text).toContain("dossiers(");
    expect(Object.keys(demarchesSimplifieesSchema().getQueryType()!.getFields()).sort()).toEqual(["demarche", "demarcheDescriptor", "dossier", "groupeInstructeur"]);
  });

  it.each(Object.entries(DS_OPERATIONS))("%s is valid against DS's schema", (_name, operation) => {
    expect(validate(demarchesSimplifieesSchema(), parse(operation)).map((e) => e.message)).toEqual([]);
  });

  it("would catch a field DS does not have", () => {
    const broken = DS_OPERATIONS.hubDossiersSince.replace("dateDepot", "depositDate");
    expect(validate(demarchesSimplifieesSchema(), parse(broken)).map((e) => e.message)).toEqual(['Cannot query field "depositDate" on type "Dossier".']);
  });
});
