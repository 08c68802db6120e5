import { formatDecimal, formatPercent } from '@/lib/dashboard/format';
import type { ItemForecast, LeaderboardRow, TournamentChoice } from '@/lib/dashboard/types';

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

/** "Damped trend, Theta and Holt-Winters": the families of the given labels, each once. */
function modelList(labels: readonly string[]): string {
  const families = [...new Set(labels.map(modelName))];
  return families.length < 2 ? (families[0] ?? '') : `${families.slice(0, -1).join(', ')} and ${families[families.length - 1]}`;
}

/** ×1, ×1.5, ×4 */
const formatWeight = (weight: number | null) => (weight === null ? '—' : `×${Number(weight.toFixed(2))}`);

/**
 * The tournament: every candidate's backtest error and the weighted score the choice used, in the
 * order of that choice, the winner and the benchmark marked, and the rule in words beside it. The
 * error is scale-free (MASE, or RMSSE for intermittent demand); "vs naive" compares with the
 * benchmark (naive, or seasonal naive for seasonal demand).
 */
export function Leaderboard({ forecast }: { forecast: ItemForecast }) {
  const { leaderboard: rows, choice } = forecast;
  const naive = forecast.naiveError;
  const scored = rows.some((r) => r.score !== null);
  const worst = Math.max(0, ...rows.map((r) => r.score ?? 0));
  const errorName = forecast.errorKind.toUpperCase();
  return (
    <>
      <table className="data-table compact leaderboard">
        <caption className="visually-hidden">
          Forecast tournament: candidate models by the score the choice used ({errorName} × weight), lowest first
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              {errorName}
            </th>
            <th scope="col" className="num" title="What the error counts for in the choice">
              Weight
            </th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">
              <span className="visually-hidden">Score relative to the others</span>
            </th>
            <th scope="col" className="num">
              vs {modelName(choice.benchmark).toLowerCase()}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, k) => (
            <tr key={r.model} className={r.winner ? 'winner' : undefined} aria-current={r.winner ? 'true' : undefined}>
              <td className="num muted">{r.score === null ? '—' : k + 1}</td>
              <td>
                <span className="model-name">{modelName(r.model)}</span> <code className="model-code">{r.model}</code>
                {r.winner ? <span className="badge badge-winner">Winner</span> : null}
                {r.benchmark ? <span className="badge badge-benchmark">Benchmark</span> : null}
                <RowNote row={r} choice={choice} />
              </td>
              <td className="num">{formatDecimal(r.error, 3)}</td>
              <td className="num muted">{formatWeight(r.weight)}</td>
              <td className="num">{formatDecimal(r.score, 3)}</td>
              <td>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${r.score !== null && worst > 0 ? Math.min(100, (r.score / worst) * 100) : 0}%` }} />
                </span>
              </td>
              <td className="num">
                <VsBenchmark error={r.error} naive={naive} benchmark={r.benchmark} />
              </td>
            </tr>
          ))}
        </tbody>
        {scored ? null : (
          <tfoot>
            <tr>
              <td colSpan={7} className="muted">
                Too little history for a backtest.
              </td>
            </tr>
          </tfoot>
        )}
      </table>
      {scored ? <ChoiceRule choice={choice} errorName={errorName} /> : null}
    </>
  );
}

function RowNote({ row, choice }: { row: LeaderboardRow; choice: TournamentChoice }) {
  let note = '';
  if (row.role === 'default') note = 'default forecast';
  else if (row.role === 'ineligible') note = 'never chosen for intermittent demand';
  else if (row.failedBiasGuard) note = `refused: forecast under ${formatPercent(choice.minStockedShare)} of the backtest demand`;
  return note ? <span className="row-note">{note}</span> : null;
}

function VsBenchmark({ error, naive, benchmark }: { error: number | null; naive: number | null; benchmark: boolean }) {
  if (benchmark) return <span className="muted">benchmark</span>;
  if (error === null || !naive) return <>—</>;
  const ratio = error / naive - 1;
  if (Math.abs(ratio) < 0.005) return <span className="muted">same</span>;
  return (
    <span className={ratio < 0 ? 'good' : 'bad'}>
      {ratio < 0 ? '−' : '+'}
      {formatPercent(Math.abs(ratio))}
    </span>
  );
}

/** The engine's rule in words, with its own figures: why the winner need not have the lowest error. */
function ChoiceRule({ choice, errorName }: { choice: TournamentChoice; errorName: string }) {
  const members = choice.defaultMembers;
  const defaultForecast =
    members.length > 1
      ? `, the mean of ${modelList(members)},`
      : members.length === 1
        ? `, ${modelName(members[0]!)},`
        : ` (none of its models could be fitted, so the lowest ${errorName}: ${modelName(choice.defaultModel ?? '')})`;
  return (
    <div className="choice-rule">
      <p>
        <strong>Why this winner:</strong> the lowest score wins, not the lowest {errorName}. Score = {errorName} over the
        last {choice.origins} backtest origins × weight. The default forecast{defaultForecast} counts ×1;{' '}
        {modelList(choice.strongModels)} count {formatWeight(choice.strongWeight)}; every other model{' '}
        {formatWeight(choice.otherWeight)}.
        {choice.intermittent
          ? ` For intermittent demand like this, naive never wins (it forecasts zero most of the time), and a challenger must also have forecast at least ${formatPercent(choice.minStockedShare)} of the backtest demand.`
          : ''}
      </p>
      <p className="muted">
        With this few origins the lowest error is often luck; preferring robust models forecasts measurably better on the
        M3 forecasting competition series.
      </p>
    </div>
  );
}
