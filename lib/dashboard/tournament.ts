import { DEFAULT_TUNING, INTERMITTENT_CORE, INTERMITTENT_STRONG, MIN_STOCKED_SHARE, REGULAR_CORE, REGULAR_STRONG } from '../forecast/engine';
import { MODEL_NAMES, NONE } from '../forecast/labels';
import { CANDIDATES, NAIVE, SEASONAL_NAIVE } from '../forecast/models';
import type { LeaderboardRow, TournamentChoice } from './types';

/**
 * The forecast tournament as the engine decided it (lib/forecast/engine.ts, step 3 "Choose"),
 * rebuilt from what the pipeline stores per item: every candidate's backtest error, the winner,
 * and whether the demand was intermittent (scored by RMSSE) or seasonal. The engine does not pick
 * the lowest error: the default forecast (the core combination; intermittent: the moving average)
 * counts as it is, the strong single methods ×(1 + margin), every other model ×(1 + wide margin),
 * and the lowest such score wins. On intermittent demand naive never wins, and a challenger must
 * also have stocked enough of the backtest demand (not stored, so a row that scored below the
 * winner yet lost can only have failed that guard).
 */
export interface StoredEntry {
  model: string;
  error: number | null;
}

const name = (candidate: number) => CANDIDATES[candidate]!.model.name;
const names = (candidates: readonly number[]) => candidates.map(name);
/** The core combination's labels follow `none` in the engine's fixed label table. */
const isCombination = (label: string) => MODEL_NAMES.indexOf(label) > NONE;

export function explainTournament(
  board: readonly StoredEntry[],
  winner: string,
  intermittent: boolean,
  seasonal: boolean,
): { leaderboard: LeaderboardRow[]; choice: TournamentChoice } {
  const coreMembers = names(intermittent ? INTERMITTENT_CORE : REGULAR_CORE);
  const strong = names(intermittent ? INTERMITTENT_STRONG : REGULAR_STRONG);
  // The default: the combination of the core members that could be fitted, or the one member that
  // could, or (none could) the lowest error, which the stored board lists first.
  const members = coreMembers.filter((m) => board.some((e) => e.model === m));
  const combination = board.find((e) => isCombination(e.model))?.model;
  const core = combination ?? (members.length === 1 ? members[0] : board[0]?.model);
  const benchmark = seasonal && board.some((e) => e.model === name(SEASONAL_NAIVE)) ? name(SEASONAL_NAIVE) : name(NAIVE);
  const strongWeight = 1 + DEFAULT_TUNING.margin;
  const otherWeight = 1 + DEFAULT_TUNING.wideMargin;

  const rows: LeaderboardRow[] = board.map((e, rank) => {
    const role: LeaderboardRow['role'] =
      e.model === core ? 'default' : intermittent && e.model === name(NAIVE) ? 'ineligible' : strong.includes(e.model) ? 'strong' : 'other';
    const weight = role === 'default' ? 1 : role === 'strong' ? strongWeight : role === 'other' ? otherWeight : null;
    return {
      model: e.model,
      error: e.error,
      errorRank: rank + 1,
      role,
      weight,
      score: e.error !== null && weight !== null ? e.error * weight : null,
      winner: e.model === winner,
      benchmark: e.model === benchmark,
      failedBiasGuard: false,
    };
  });
  const won = rows.find((r) => r.winner)?.score ?? null;
  if (intermittent && won !== null) {
    for (const r of rows) r.failedBiasGuard = !r.winner && (r.role === 'strong' || r.role === 'other') && r.score !== null && r.score < won;
  }
  // The order of the choice: lowest score first (the default first on a tie, as the engine keeps
  // it unless beaten), then what was not scored, in the stored order.
  const order = (r: LeaderboardRow) => (r.score === null ? Number.POSITIVE_INFINITY : r.score);
  rows.sort((a, b) => order(a) - order(b) || (a.role === 'default' ? -1 : b.role === 'default' ? 1 : 0) || a.errorRank - b.errorRank);

  return {
    leaderboard: rows,
    choice: {
      intermittent,
      defaultModel: core ?? null,
      defaultMembers: combination || members.length === 1 ? members : [],
      strongModels: strong,
      strongWeight,
      otherWeight,
      origins: DEFAULT_TUNING.origins,
      minStockedShare: intermittent ? MIN_STOCKED_SHARE : null,
      benchmark,
    },
  };
}
