/**
 * Normal form of a place name for search: lower case, no accents, ligatures spelled out,
 * hyphens and apostrophes as spaces, single spaces, Saint/Sainte as St/Ste.
 * "L'Haÿ-les-Roses" → "l hay les roses", "Sainte-Foy" → "ste foy".
 */
const SAINT_ABBREVIATIONS: Partial<Record<string, string>> = { saint: "st", sainte: "ste", saints: "sts", saintes: "stes" };

export function normalizeName(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[-'’‘`_.,/()]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      // "Saint-Affrique", "St Affrique" and "st-affrique" all become "st affrique".
      .replace(/\b(saint|sainte|saints|saintes)\b/g, (word) => SAINT_ABBREVIATIONS[word] ?? word)
  );
}

/** "de ", "du ", "de la "... before a département name, from its INSEE type de liaison. */
export function ofDepartement(name: string, typeLiaison: number | undefined): string {
  const linkers = ["de ", "d'", "du ", "de la ", "des ", "de l'", "des ", "de las ", "de los "];
  const article = ["", "", "Le ", "La ", "Les ", "L'", "Aux ", "Las ", "Los "][typeLiaison ?? 0] ?? "";
  const bare = article && name.startsWith(article) ? name.slice(article.length) : name;
  return `${linkers[typeLiaison ?? 0] ?? "de "}${bare}`;
}
