import { badInput } from "@hub/kit";
import { loadThemes } from "@hub/reference";

/**
 * The themes a State agent may declare they follow: slugs of the projects' taxonomy
 * (Aides-Territoires, the `themes` query), each once. Pure: the themes are held in memory.
 * Returns them deduplicated, in the taxonomy's order; throws BAD_USER_INPUT (field `themes`).
 */
export function validateFollowedThemes(themes: readonly string[]): string[] {
  const taxonomy = loadThemes().map((theme) => theme.slug);
  if (themes.length > taxonomy.length) throw badInput(`At most ${taxonomy.length} themes (each once)`, "themes");
  const given = new Set<string>();
  for (const theme of themes) {
    if (!taxonomy.includes(theme)) throw badInput(`Unknown theme "${theme.slice(0, 60)}" (see the themes query)`, "themes");
    given.add(theme);
  }
  return taxonomy.filter((slug) => given.has(slug));
}
