import { MAP_INSETS, MAP_VIEW_BOX, METROPOLE_SHAPES, PETITE_COURONNE_OUTLINES, type DepartementShape } from '../map/departement-shapes';
import { classOf, EMPTY_FILL, type MapClass } from '../map/map-scale';

export interface DepartementCount {
  code: string;
  name: string;
  count: number;
}

interface DepartementMapProps {
  counts: ReadonlyMap<string, DepartementCount>;
  classes: MapClass[];
  /** The list of a département's projects. */
  hrefOf: (code: string) => string;
}

export const projets = (n: number) => `${n} projet${n > 1 ? 's' : ''}`;

interface AreaProps extends Omit<DepartementMapProps, 'counts'> {
  shape: DepartementShape;
  info: DepartementCount | undefined;
  /** Where its number goes, in the map's coordinates. */
  at: [number, number];
  transform?: string;
}

/** A département: its shape in its class's colour; with projects, a link to their list showing their number. */
function Area({ shape, info, classes, hrefOf, at, transform }: AreaProps) {
  const mapClass = info ? classOf(classes, info.count) : null;
  const path = <path className="map-area" d={shape.d} fill={mapClass?.fill ?? EMPTY_FILL} transform={transform} vectorEffect="non-scaling-stroke" />;
  if (!info || !mapClass) return <g aria-hidden="true">{path}</g>;
  return (
    <a href={hrefOf(shape.code)} aria-label={`${info.name} (${shape.code}) : ${projets(info.count)}`} className="map-link">
      {path}
      <text className={mapClass.light ? 'map-count map-count--light' : 'map-count'} x={at[0].toFixed(1)} y={at[1].toFixed(1)} aria-hidden="true">
        {info.count}
      </text>
    </a>
  );
}

/**
 * The map of départements (metropolitan France, then insets for the overseas départements and
 * Paris's inner suburbs), each coloured by its number of projects and showing it; a département
 * with projects is a link to their list (keyboard: Tab, Entrée).
 */
export function DepartementMap({ counts, classes, hrefOf }: DepartementMapProps) {
  return (
    <svg className="departement-map" viewBox={MAP_VIEW_BOX} role="group" aria-labelledby="departement-map-title">
      <title id="departement-map-title">Carte des départements : nombre de projets de chacun</title>
      {METROPOLE_SHAPES.map((shape) => (
        <Area key={shape.code} shape={shape} info={counts.get(shape.code)} classes={classes} hrefOf={hrefOf} at={shape.label} />
      ))}
      {/* Paris and its inner suburbs at their place, as outlines: their links and numbers are in the inset. */}
      <g aria-hidden="true">
        {PETITE_COURONNE_OUTLINES.map((shape) => {
          const info = counts.get(shape.code);
          return <path key={shape.code} className="map-area" d={shape.d} fill={(info && classOf(classes, info.count)?.fill) ?? EMPTY_FILL} />;
        })}
      </g>
      {MAP_INSETS.map((inset) => (
        <g key={inset.title}>
          <rect className="map-inset" x={inset.x} y={inset.y} width={inset.width} height={inset.height} aria-hidden="true" />
          <text className="map-inset-title" x={inset.x + 4} y={inset.y + 11} aria-hidden="true">
            {inset.title}
          </text>
          {inset.shapes.map((shape) => (
            <Area
              key={shape.code}
              shape={shape}
              info={counts.get(shape.code)}
              classes={classes}
              hrefOf={hrefOf}
              transform={`translate(${inset.dx.toFixed(2)} ${inset.dy.toFixed(2)}) scale(${inset.scale.toFixed(4)})`}
              at={[inset.dx + shape.label[0] * inset.scale, inset.dy + shape.label[1] * inset.scale]}
            />
          ))}
        </g>
      ))}
    </svg>
  );
}
