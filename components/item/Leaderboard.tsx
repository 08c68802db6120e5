import { formatCount, formatDecimal, formatPercent } from '@/lib/dashboard/format';
import { listed, modelName, shortName } from '@/lib/dashboard/method-names';
import type { ItemForecast, LeaderboardRow, TournamentChoice } from '@/lib/dashboard/types';
import { TRIM_FROM } from '@/lib/forecast/engine/combination';

/**
 * The tournament: every candidate's backtest error, lowest first, the winner and the benchmark
 * marked, and the rule in words beside it. The error is scale-free (MASE, or RMSSE for
 * intermittent demand); "vs naive" compares with the benchmark (naive, or seasonal naive for
 * seasonal demand). The winner is the lowest error among the candidates that may win.
 */
export function Leaderboard({ forecast }: { forecast: ItemForecast }) {
  const { leaderboard: rows, choice } = forecast;
  const naive = forecast.naiveError;
  const scored = rows.some((r) => r.error !== null);
  const worst = Math.max(0, ...rows.map((r) => r.error ?? 0));
  const errorName = forecast.errorKind.toUpperCase();
  return (
    <>
      <table className="data-table compact leaderboard">
        <caption className="visually-hidden">Forecast tournament: candidate forecasts by backtest {errorName}, lowest first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Forecast</th>
            <th scope="col" className="num">
              {errorName}
            </th>
            <th scope="col">
              <span className="visually-hidden">Error relative to the others</span>
            </th>
            <th scope="col" className="num">
              vs {modelName(choice.benchmark).toLowerCase()}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.model} className={r.winner ? 'winner' : undefined} aria-current={r.winner ? 'true' : undefined}>
              <td className="num muted">{r.error === null ? '—' : r.rank}</td>
              <td className="forecast">
                <span className="model-name">{modelName(r.model)}</span> <code className="model-code">{r.model}</code>
                {r.winner ? <span className="badge badge-winner">{r.pinned ? 'Pinned by analyst' : 'Winner'}</span> : null}
                {r.benchmark ? <span className="badge badge-benchmark">Benchmark</span> : null}
                <RowNote row={r} choice={choice} />
              </td>
              <td className="num">{formatDecimal(r.error, 3)}</td>
              <td>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${r.error !== null && worst > 0 ? Math.min(100, (r.error / worst) * 100) : 0}%` }} />
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
              <td colSpan={5} className="muted">
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
  if (row.pinned) note = 'chosen by the analyst';
  else if (!row.eligible) {
    note = choice.intermittent ? 'never chosen for intermittent demand' : choice.members.includes(row.model) ? 'for reference: part of the mean' : 'for reference';
  } else if (row.failedBiasGuard) note = `refused: forecast under ${formatPercent(choice.minStockedShare)} of the backtest demand`;
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

/** The engine's rule in words, with its own figures. */
function ChoiceRule({ choice, errorName }: { choice: TournamentChoice; errorName: string }) {
  const members = listed(choice.members.map(shortName));
  if (choice.pinned) {
    return (
      <div className="choice-rule">
        <p>
          <strong>Why this forecast:</strong> an analyst pinned this model for the item, so it forecasts whatever the tournament
          would choose; the other candidates are scored ({errorName}, on the last {choice.origins} origins of the history) and
          listed for comparison. Unpin it to let the tournament choose again.
        </p>
      </div>
    );
  }
  return (
    <div className="choice-rule">
      <p>
        <strong>Why this forecast:</strong> each forecast in the table was made from each of the last {choice.origins} points of the
        history as if it were the present, and scored on what followed ({errorName}).
        {choice.intermittent
          ? ` For intermittent demand like this the lowest ${errorName} wins; naive never wins (it forecasts zero most of the time), and a method must also have forecast at least ${formatPercent(choice.minStockedShare)} of the backtest demand.`
          : choice.alone
            ? ` For regular demand in this catalogue the forecast is ${shortName(choice.alone.member)} alone, with its own automatic model choice. Before this run every automatic method forecast the last periods of ${choice.alone.series} items from the history before them, and its error there was ${formatPercent(choice.alone.ratio)} of the combination's: so clearly better across the catalogue that the mean of the methods would only dilute it. The other methods and the naive benchmarks are scored and listed for reference, not picked from.`
            : ` For regular demand like this the forecast is always the mean of ${members}, each with its own automatic model choice, after dropping the highest and the lowest of the ${choice.members.length} at each step (of those that could be fitted; with fewer than ${TRIM_FROM}, their plain mean). The methods alone and the naive benchmarks are scored and listed for reference, not picked from: picking one per item from ${choice.origins} origins is mostly luck, and every way of picking we measured forecast worse than the combination on most of the benchmark sets.${
                choice.closest
                  ? ` Before this run each automatic method also forecast, alone, the last periods of ${formatCount(choice.closest.series)} items from the history before them: the best, ${shortName(choice.closest.member)}, had ${formatPercent(choice.closest.ratio)} of the combination's error there, and a method forecasts alone only where that share is ${formatPercent(choice.closest.margin)} or less and its lead holds across the items (two standard errors).`
                  : ''
              }`}
      </p>
    </div>
  );
}
