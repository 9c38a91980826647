import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from './graphql';

/** The themes a project may carry (the Aides-Territoires taxonomy), served by the API: slugs and French names. */
export const THEMES_QUERY = graphql(`
  query Themes {
    themes {
      slug
      name
    }
  }
`);

export interface ThemeChoice {
  slug: string;
  label: string;
}

export interface Themes {
  /** By French name; empty while loading (or when the API cannot answer). */
  themes: ThemeChoice[];
  /** A theme's French name; a slug not (yet) known as it is. */
  themeLabel: (slug: string) => string;
}

/** The taxonomy, read once per session (reference data: cache-first). */
export function useThemes(): Themes {
  const [{ data }] = useQuery({ query: THEMES_QUERY, requestPolicy: 'cache-first' });
  const themes = useMemo(() => data?.themes.map(({ slug, name }) => ({ slug, label: name })) ?? [], [data]);
  const themeLabel = useCallback((slug: string) => themes.find((theme) => theme.slug === slug)?.label ?? slug, [themes]);
  return { themes, themeLabel };
}
