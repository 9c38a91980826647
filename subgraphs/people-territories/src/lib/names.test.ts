import { normalizeName, ofDepartement } from "./names";

describe("place names", () => {
  it.each([
    ["L'Haÿ-les-Roses", "l hay les roses"],
    ["Saint-Affrique", "st affrique"],
    ["st affrique", "st affrique"],
    ["Sainte-Foy-lès-Lyon", "ste foy les lyon"],
    ["ÉVRY-COURCOURONNES", "evry courcouronnes"],
    ["Œuilly", "oeuilly"],
    ["  Saintes ", "stes"],
    ["Saint-Étienne-de-Saint-Geoirs", "st etienne de st geoirs"],
  ])("%s → %s", (name, normal) => {
    expect(normalizeName(name)).toBe(normal);
  });

  it("says which département with its French article", () => {
    expect(ofDepartement("Puy-de-Dôme", 2)).toBe("du Puy-de-Dôme");
    expect(ofDepartement("Ain", 5)).toBe("de l'Ain");
    expect(ofDepartement("Bouches-du-Rhône", 4)).toBe("des Bouches-du-Rhône");
    expect(ofDepartement("Corrèze", 3)).toBe("de la Corrèze");
  });
});
