import type { ReactNode } from 'react';

/**
 * A chart as one image for assistive technology: an accessible name (the contract names each
 * chart), a plain-language summary as its description, and a visible legend.
 */
export function ChartFrame({
  name,
  summary,
  legend,
  children,
  id,
}: {
  name: string;
  summary: string;
  legend?: ReactNode;
  children: ReactNode;
  id: string;
}) {
  return (
    <figure className="chart">
      <div role="img" aria-label={name} aria-describedby={`${id}-summary`} className="chart-canvas">
        {children}
      </div>
      <figcaption>
        {legend ? <div className="chart-legend">{legend}</div> : null}
        <span id={`${id}-summary`} className="visually-hidden">
          {summary}
        </span>
      </figcaption>
    </figure>
  );
}

export function LegendSwatch({ color, label, kind = 'box' }: { color: string; label: string; kind?: 'box' | 'line' | 'dash' | 'band' | 'dot' }) {
  return (
    <span className="legend-item">
      <span className={`legend-swatch legend-${kind}`} style={{ ['--swatch' as string]: color }} aria-hidden="true" />
      {label}
    </span>
  );
}
