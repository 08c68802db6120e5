import { formatDecimal, formatPercent } from '@/lib/dashboard/format';
import type { ItemForecast } from '@/lib/dashboard/types';

/** Readable names of the engine's model families; a variant keeps its code beside the name. */
const FAMILIES: Record<string, string> = {
  naive: 'Naive',
  snaive: 'Seasonal naive',
  drift: 'Drift',
  ma: 'Moving average',
  ses: 'Exponential smoothing',
  holt: 'Holt trend',
  damped: 'Damped trend',
  hw: 'Holt-Winters',
  theta: 'Theta',
  croston: 'Croston',
  sba: 'Croston SBA',
  tsb: 'TSB',
  none: 'No forecast',
};

export function modelName(code: string): string {
  if (code.startsWith('combo(')) return 'Combination';
  if (code.startsWith('local_')) return `${modelName(code.slice(6))} (local)`;
  return FAMILIES[code] ?? FAMILIES[code.split('_')[0]!] ?? code;
}

/**
 * The tournament: every candidate's backtest error, best first, the winner marked. The error is
 * scale-free (MASE, or RMSSE for intermittent demand); "vs naive" compares with the naive model.
 */
export function Leaderboard({ forecast }: { forecast: ItemForecast }) {
  const naive = forecast.naiveError;
  const rows = forecast.leaderboard;
  const best = rows.find((r) => r.error !== null)?.error ?? null;
  return (
    <table className="data-table compact leaderboard">
      <caption className="visually-hidden">Forecast tournament: candidate models by backtest error, best first</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Model</th>
          <th scope="col" className="num">
            {forecast.errorKind.toUpperCase()}
          </th>
          <th scope="col">Relative error</th>
          <th scope="col" className="num">
            vs naive
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, k) => {
          const winner = r.model === forecast.model;
          const width = r.error !== null && rows[rows.length - 1]?.error ? Math.min(100, (r.error / Math.max(...rows.map((x) => x.error ?? 0))) * 100) : 0;
          return (
            <tr key={r.model} className={winner ? 'winner' : undefined} aria-current={winner ? 'true' : undefined}>
              <td className="num muted">{k + 1}</td>
              <td>
                <span className="model-name">{modelName(r.model)}</span> <code className="model-code">{r.model}</code>
                {winner ? <span className="badge badge-winner">Winner</span> : null}
              </td>
              <td className="num">{formatDecimal(r.error, 3)}</td>
              <td>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${width}%` }} />
                </span>
              </td>
              <td className="num">
                {r.error !== null && naive ? (
                  Math.abs(r.error / naive - 1) < 0.005 ? (
                    <span className="muted">same</span>
                  ) : (
                    <span className={r.error < naive ? 'good' : 'bad'}>
                      {r.error < naive ? '−' : '+'}
                      {formatPercent(Math.abs(r.error / naive - 1))}
                    </span>
                  )
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
      {best === null ? (
        <tfoot>
          <tr>
            <td colSpan={5} className="muted">
              Too little history for a backtest.
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
