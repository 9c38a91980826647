import { territoryDepartements } from "./cog";

describe("territoryDepartements", () => {
  it.each([
    ["DEPARTEMENT:63", ["63"]],
    ["COMMUNE:63113", ["63"]],
    ["COMMUNE_DELEGUEE:01015", ["01"]],
    ["ARRONDISSEMENT:632", ["63"]],
    ["EPCI:246300701", ["63"]],
    ["CRTE:crte-84-63-1", ["63"]],
    ["DEPARTEMENT:2A", ["2A"]],
  ])("%s lies in %j", (territoryId, departements) => {
    expect(territoryDepartements(territoryId)).toEqual(departements);
  });

  it("gives a région all of its départements, and null for what the map does not know", () => {
    expect(territoryDepartements("REGION:84")?.sort()).toEqual(["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]);
    // A CRTE across two départements (Sambre-Avesnois-Thiérache: Aisne and Nord).
    expect(territoryDepartements("CRTE:crte-32-0259-1")?.sort()).toEqual(["02", "59"]);
    for (const unknown of ["DEPARTEMENT:00", "COMMUNE:99999", "EPCI:000000000", "CRTE:crte-00-00-0", "REGION:99", "nowhere"]) expect(territoryDepartements(unknown)).toBeNull();
  });
});
