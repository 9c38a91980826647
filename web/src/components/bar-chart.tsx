import { useId } from 'react';

export interface BarChartRow {
  key: string;
  label: string;
  value: number;
}

/**
 * A horizontal SVG bar chart with its data table: the SVG is an image labelled by the caption
 * (`role="img"`), the table under it (in a collapsed details) gives the same figures to everyone.
 */
export function BarChart({ title, rows, unit, testId }: { title: string; rows: BarChartRow[]; unit: string; testId: string }) {
  const id = useId();
  const max = Math.max(1, ...rows.map((row) => row.value));
  const rowHeight = 28;
  const height = Math.max(1, rows.length) * rowHeight;
  const summary = rows.map((row) => `${row.label} : ${row.value}`).join(', ');
  return (
    <figure className="hub-chart" data-testid={testId}>
      <figcaption id={`${id}-title`} className="fr-text--bold">
        {title}
      </figcaption>
      {rows.length === 0 ? (
        <p>Aucun projet.</p>
      ) : (
        <>
          <svg viewBox={`0 0 400 ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} preserveAspectRatio="xMinYMin meet">
            <desc id={`${id}-desc`}>{summary}</desc>
            {rows.map((row, index) => {
              const width = Math.round((row.value / max) * 230);
              const y = index * rowHeight;
              return (
                <g key={row.key}>
                  <text x="0" y={y + 18} fontSize="12" fill="currentColor">
                    {row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label}
                  </text>
                  <rect x="150" y={y + 5} width={Math.max(width, 1)} height="18" className="hub-chart__bar" />
                  <text x={156 + width} y={y + 18} fontSize="12" fill="currentColor">
                    {row.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <details>
            <summary>Tableau des données : {title.toLowerCase()}</summary>
            <div className="fr-table fr-table--no-caption">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Valeur</th>
                    <th scope="col">{unit}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key}>
                      <td>{row.label}</td>
                      <td>{row.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
