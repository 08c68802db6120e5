import { describe, expect, it } from 'vitest';
import { explainTournament } from '@/lib/dashboard/tournament';
import { forecastBatch, type ForecastSettings, type MemberPool } from '@/lib/forecast';
import { DEFAULT_TUNING } from '@/lib/forecast/engine/forecaster';

const monthly: ForecastSettings = { horizon: 6, season: 12, levels: [80, 95], nonNegative: true };

/** Deterministic noise in [-0.5, 0.5) (no Math.random in tests). */
function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
}

/** Regular, trending, seasonal, short and intermittent demand, with different seeds. */
function series(): number[][] {
  const out: number[][] = [];
  for (let seed = 1; seed <= 40; seed++) {
    const r = noise(seed);
    const n = 14 + ((seed * 7) % 60);
    const kind = seed % 5;
    out.push(
      Array.from({ length: n }, (_, t) => {
        if (kind === 0) return Math.max(0, 100 + r() * 60);
        if (kind === 1) return Math.max(0, 50 + 2 * t + r() * 30);
        if (kind === 2) return Math.max(0, 80 + 40 * Math.sin((2 * Math.PI * t) / 12) + r() * 20);
        if (kind === 3) return r() > 0.2 ? 0 : Math.round(5 + r() * 8); // intermittent
        return Math.max(0, 200 - 1.5 * t + r() * 80 + (t % 12 === 11 ? 60 : 0));
      }),
    );
  }
  return out;
}

/** Runs the real engine (with the run's member pool, when given) and explains every series' stored outcome, as the item page does. */
function tournaments(pool?: MemberPool) {
  const all = series();
  const offsets = new Int32Array(all.length + 1);
  all.forEach((s, i) => (offsets[i + 1] = offsets[i]! + s.length));
  const r = forecastBatch({ values: Float64Array.from(all.flat()), offsets }, { ...monthly, members: pool?.members });
  return all.map((_, i) => {
    const board = [];
    for (let j = r.leaderboardOffsets[i]!; j < r.leaderboardOffsets[i + 1]!; j++) {
      const error = r.leaderboardError[j]!;
      board.push({ model: r.modelNames[r.leaderboardModel[j]!]!, error: Number.isFinite(error) ? error : null });
    }
    const winner = r.modelNames[r.model[i]!]!;
    const intermittent = r.errorKind[i] === 1;
    return { board, winner, intermittent, naiveError: r.naiveError[i]!, error: r.error[i]!, ...explainTournament(board, winner, intermittent, r.seasonal[i] === 1, pool) };
  });
}

describe('the tournament explained from its stored leaderboard', () => {
  const cases = tournaments();

  it('the winner has the lowest error shown of every forecast that may win, and that error is the engine’s', () => {
    for (const c of cases) {
      const winner = c.leaderboard.find((r) => r.winner)!;
      expect(winner.model).toBe(c.winner);
      if (winner.error === null) continue; // no backtest: nothing was scored
      expect(winner.error).toBe(c.error);
      for (const r of c.leaderboard) {
        if (r.winner || r.error === null) continue;
        if (r.error < winner.error) {
          // Only a reference row (not a candidate) or intermittent demand's bias guard.
          expect(r.failedBiasGuard || !r.eligible).toBe(true);
        } else {
          expect(r.failedBiasGuard).toBe(false);
        }
      }
    }
    for (const c of cases.filter((x) => !x.intermittent)) {
      const candidates = c.leaderboard.filter((r) => r.eligible);
      expect(candidates.map((r) => r.model)).toEqual([c.winner]);
      if (c.board.length > 3) expect(c.winner).toBe('combo(auto_ets+auto_arima+auto_theta+theta)');
    }
  });

  it('lists the combination, the automatic methods alone and the benchmarks on regular demand', () => {
    const regular = cases.find((c) => !c.intermittent && c.board.length > 4)!;
    const models = regular.leaderboard.map((r) => r.model);
    expect(models).toEqual(expect.arrayContaining(['auto_ets', 'auto_arima', 'auto_theta', 'theta', 'combo(auto_ets+auto_arima+auto_theta+theta)', 'naive']));
    expect(regular.leaderboard.filter((r) => r.combination).map((r) => r.model)).toEqual(['combo(auto_ets+auto_arima+auto_theta+theta)']);
    expect(regular.choice).toMatchObject({ intermittent: false, members: ['auto_ets', 'auto_arima', 'auto_theta', 'theta'], alone: null, origins: DEFAULT_TUNING.origins, minStockedShare: null });
  });

  it('where the run’s member pool kept one method alone: it is the one candidate on regular demand, and the choice says why', () => {
    const pool: MemberPool = { members: ['auto_arima'], ratio: [1.16, 0.8, 1.11, 1.68], series: 256, cleanPromotions: false, promotionRatio: NaN, promotionSeries: 0 };
    const pooled = tournaments(pool);
    const regular = pooled.filter((x) => !x.intermittent && x.board.length > 3);
    expect(regular.length).toBeGreaterThan(10);
    for (const c of regular) {
      expect(c.winner).toBe('auto_arima');
      expect(c.leaderboard.filter((r) => r.eligible).map((r) => r.model)).toEqual(['auto_arima']);
      expect(c.leaderboard.some((r) => r.combination)).toBe(false);
      expect(c.leaderboard.find((r) => r.winner)!.error).toBe(c.error);
      expect(c.choice).toMatchObject({ members: ['auto_arima'], alone: { member: 'auto_arima', ratio: 0.8, series: 256 } });
    }
    // Intermittent demand is the Croston family's whatever the pool says.
    const intermittent = pooled.filter((x) => x.intermittent);
    expect(intermittent.map((c) => c.winner)).toEqual(cases.filter((x) => x.intermittent).map((c) => c.winner));
  });

  it('where the run’s member pool kept the combination: the choice names the member closest to it and the share a member alone needs', () => {
    const pool: MemberPool = { members: ['auto_ets', 'auto_arima', 'auto_theta', 'theta'], ratio: [1.07, 0.99, 1.004, 1.03], series: 256, cleanPromotions: false, promotionRatio: NaN, promotionSeries: 0 };
    const regular = cases.find((c) => !c.intermittent && c.board.length > 4)!;
    const explained = explainTournament(regular.board, regular.winner, false, false, pool);
    expect(explained.choice).toMatchObject({ alone: null, closest: { member: 'auto_arima', ratio: 0.99, series: 256, margin: 0.85 } });
    // No pool stored (results of an older run), one member kept, or nothing scored: nothing to name.
    expect(explainTournament(regular.board, regular.winner, false, false).choice.closest).toBeNull();
    expect(explainTournament(regular.board, 'auto_arima', false, false, { ...pool, members: ['auto_arima'] }).choice.closest).toBeNull();
    expect(explainTournament(regular.board, regular.winner, false, false, { ...pool, ratio: [NaN, NaN, NaN, NaN], series: 0 }).choice.closest).toBeNull();
  });

  it('orders rows by error and ranks them in that order', () => {
    for (const c of cases) {
      const errors = c.leaderboard.map((r) => r.error ?? Infinity);
      expect(errors).toEqual([...errors].sort((a, b) => a - b));
      expect(c.leaderboard.map((r) => r.rank)).toEqual(c.board.map((_, k) => k + 1));
    }
  });

  it('marks as benchmark the model whose error the engine compares with (seasonal naive for seasonal demand)', () => {
    let seasonal = 0;
    for (const c of cases) {
      const benchmarks = c.leaderboard.filter((r) => r.benchmark);
      expect(benchmarks).toHaveLength(1);
      expect(benchmarks[0]!.model).toBe(c.choice.benchmark);
      if (benchmarks[0]!.error !== null) expect(benchmarks[0]!.error).toBe(c.naiveError);
      if (c.choice.benchmark === 'snaive') seasonal++;
    }
    expect(seasonal).toBeGreaterThan(0);
  });

  it('on intermittent demand: the Croston family competes, naive can never win, the bias guard is named', () => {
    const intermittent = cases.filter((c) => c.intermittent);
    expect(intermittent.length).toBeGreaterThan(0);
    for (const c of intermittent) {
      expect(c.choice).toMatchObject({ intermittent: true, minStockedShare: 0.5 });
      expect(c.leaderboard.find((r) => r.model === 'naive')).toMatchObject({ eligible: false, winner: false });
    }
    // A stored board where TSB scored below the winner: it can only have failed the guard.
    const { leaderboard } = explainTournament(
      [
        { model: 'naive', error: 0.5 },
        { model: 'tsb', error: 0.6 },
        { model: 'ma', error: 1.0 },
        { model: 'sba', error: 1.1 },
      ],
      'ma',
      true,
      false,
    );
    expect(leaderboard.map((r) => [r.model, r.eligible, r.failedBiasGuard, r.winner])).toEqual([
      ['naive', false, false, false],
      ['tsb', true, true, false],
      ['ma', true, false, true],
      ['sba', true, false, false],
    ]);
  });
});
