/** A class of the map's colour scale: counts from `from` to `to`, its fill, and whether its numbers are written in white. */
export interface MapClass {
  from: number;
  to: number;
  fill: string;
  light: boolean;
  label: string;
}

/** No project: the DSFR's grey of borders. */
export const EMPTY_FILL = '#e5e5e5';

/** Blue France, light to dark (after the DSFR's palette), none as light as the grey of no project; numbers in white on the two darkest. */
const FILLS: { fill: string; light: boolean }[] = [
  { fill: '#cacafb', light: false },
  { fill: '#9a9af8', light: false },
  { fill: '#6a6af4', light: false },
  { fill: '#2323b8', light: true },
  { fill: '#000091', light: true },
];

const projets = (n: number) => `${n} projet${n > 1 ? 's' : ''}`;

/** Up to five classes of equal width from 1 to the highest count (one per count when it is 5 or less). */
export function mapClasses(max: number): MapClass[] {
  if (max < 1) return [];
  const width = Math.ceil(max / FILLS.length);
  const classes: MapClass[] = [];
  for (let from = 1, i = 0; from <= max; from += width, i++) {
    const to = Math.min(from + width - 1, max);
    classes.push({ from, to, ...FILLS[i], label: from === to ? projets(from) : `${from} à ${projets(to)}` });
  }
  // Few classes spread over the scale, the highest count always the darkest.
  const last = FILLS.length - 1;
  return classes.map((c, i) => ({ ...c, ...FILLS[classes.length === 1 ? last : Math.round((i * last) / (classes.length - 1))] }));
}

export function classOf(classes: MapClass[], count: number): MapClass | null {
  return classes.find((c) => count >= c.from && count <= c.to) ?? null;
}
