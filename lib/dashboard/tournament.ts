import type { MemberPool } from '../forecast';
import { CANDIDATES, MEMBER_NAMES, MODEL_NAMES, NAIVE, NONE, SEASONAL_NAIVE } from '../forecast/engine/candidates';
import { DEFAULT_TUNING, MIN_STOCKED_SHARE } from '../forecast/engine/forecaster';
import { POOL_MARGIN } from '../forecast/engine/pool';
import type { LeaderboardRow, TournamentChoice } from './types';

/**
 * The forecast tournament as the engine decided it (lib/forecast/engine/forecaster.ts, step 4
 * "Choose"), rebuilt from what the pipeline stores per item: every candidate's backtest error,
 * the winner, and whether the demand was intermittent (scored by RMSSE) or seasonal, and the
 * run's member pool. The lowest error among the candidates wins. Regular demand has one
 * candidate, the combination of the pool's automatic methods that could be fitted
 * (lib/forecast/engine/combination.ts; one method alone where only one could, or where the pool
 * kept one); the methods alone and the benchmarks are listed for reference.
 * Intermittent demand: the family competes, naive never wins, and a method must also have
 * stocked enough of the backtest demand (not stored, so a candidate that scored below the winner
 * yet lost can only have failed that guard). A model the analyst pinned wins whatever the rule
 * says; its row says so.
 */
export interface StoredEntry {
  model: string;
  error: number | null;
  /** The analyst pinned this model and the engine forecast with it (the winner, whatever its error). */
  pinned?: boolean;
}

const name = (candidate: number) => CANDIDATES[candidate]!.method.name;

/** The member with the lowest held-back ratio, or null when the pool scored nothing. */
function closestMember(pool: MemberPool): TournamentChoice['closest'] {
  let best = -1;
  pool.ratio.forEach((r, k) => {
    if (Number.isFinite(r) && (best < 0 || r < pool.ratio[best]!)) best = k;
  });
  return best < 0 || pool.series === 0 ? null : { member: MEMBER_NAMES[best]!, ratio: pool.ratio[best]!, series: pool.series, margin: POOL_MARGIN };
}
/** Combination labels follow `none` in the engine's fixed label table. */
const isCombination = (label: string) => MODEL_NAMES.indexOf(label) > NONE;

export function explainTournament(
  board: readonly StoredEntry[],
  winner: string,
  intermittent: boolean,
  seasonal: boolean,
  pool?: MemberPool,
): { leaderboard: LeaderboardRow[]; choice: TournamentChoice } {
  const benchmark = seasonal && board.some((e) => e.model === name(SEASONAL_NAIVE)) ? name(SEASONAL_NAIVE) : name(NAIVE);
  const won = board.find((e) => e.model === winner)?.error ?? null;
  const members = pool ? [...pool.members] : [...MEMBER_NAMES];
  const alone = pool && members.length === 1 ? { member: members[0]!, ratio: pool.ratio[MEMBER_NAMES.indexOf(members[0]!)]!, series: pool.series } : null;
  const closest = pool && !alone && !intermittent ? closestMember(pool) : null;
  const combined = board.some((e) => isCombination(e.model));
  const pinned = board.some((e) => e.pinned === true);
  const rows: LeaderboardRow[] = board.map((e, rank) => {
    const eligible = intermittent ? e.model !== name(NAIVE) : combined ? isCombination(e.model) : e.model === winner;
    return {
      model: e.model,
      error: e.error,
      rank: rank + 1,
      eligible,
      combination: isCombination(e.model),
      winner: e.model === winner,
      benchmark: e.model === benchmark,
      failedBiasGuard: !pinned && intermittent && eligible && e.model !== winner && e.error !== null && won !== null && e.error < won,
      pinned: e.pinned === true,
    };
  });
  return {
    leaderboard: rows,
    choice: {
      intermittent,
      members,
      alone,
      closest,
      origins: DEFAULT_TUNING.origins,
      minStockedShare: intermittent ? MIN_STOCKED_SHARE : null,
      benchmark,
      pinned,
    },
  };
}
