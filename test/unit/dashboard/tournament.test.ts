import { describe, expect, it } from 'vitest';
import { explainTournament, type StoredEntry } from '@/lib/dashboard/tournament';
import type { LeaderboardRow } from '@/lib/dashboard/types';
import { forecastBatch, type ForecastSettings } from '@/lib/forecast';
import { DEFAULT_TUNING } from '@/lib/forecast/engine';

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

/** Runs the real engine and explains every series' stored outcome, as the item page does. */
function tournaments() {
  const all = series();
  const offsets = new Int32Array(all.length + 1);
  all.forEach((s, i) => (offsets[i + 1] = offsets[i]! + s.length));
  const r = forecastBatch({ values: Float64Array.from(all.flat()), offsets }, monthly);
  return all.map((_, i) => {
    const board: StoredEntry[] = [];
    for (let j = r.leaderboardOffsets[i]!; j < r.leaderboardOffsets[i + 1]!; j++) {
      const error = r.leaderboardError[j]!;
      board.push({ model: r.modelNames[r.leaderboardModel[j]!]!, error: Number.isFinite(error) ? error : null });
    }
    const winner = r.modelNames[r.model[i]!]!;
    const intermittent = r.errorKind[i] === 1;
    return { board, winner, intermittent, naiveError: r.naiveError[i]!, ...explainTournament(board, winner, intermittent, r.seasonal[i] === 1) };
  });
}

const row = (rows: LeaderboardRow[], model: string) => rows.find((r) => r.model === model)!;

describe('the tournament explained from its stored leaderboard', () => {
  const cases = tournaments();

  it('reproduces the engine: the winner has the lowest weighted score of every model that could win', () => {
    let notLowestError = 0;
    for (const c of cases) {
      const winner = row(c.leaderboard, c.winner);
      expect(winner.winner).toBe(true);
      if (winner.score === null) continue; // no backtest: nothing was scored
      for (const r of c.leaderboard) {
        if (r.winner || r.score === null) continue;
        // Only the bias guard of intermittent demand (not stored) can refuse a lower score.
        if (r.score < winner.score) expect([c.intermittent, r.failedBiasGuard]).toEqual([true, true]);
        else expect(r.failedBiasGuard).toBe(false);
      }
      if (winner.errorRank > 1) notLowestError++;
    }
    // The point of the explanation: winners that do not have the lowest error are common.
    expect(notLowestError).toBeGreaterThan(5);
  });

  it('weighs with the engine constants: default ×1, strong ×(1 + margin), others ×(1 + wide margin)', () => {
    const regular = cases.find((c) => !c.intermittent && c.board.some((e) => e.model.startsWith('combo(')) && c.board.some((e) => e.model === 'theta'))!;
    const combo = regular.leaderboard.find((r) => r.model.startsWith('combo('))!;
    expect([combo.role, combo.weight]).toEqual(['default', 1]);
    expect(regular.choice.defaultModel).toBe(combo.model);
    expect(combo.model).toBe(`combo(${regular.choice.defaultMembers.join('+')})`);
    expect([row(regular.leaderboard, 'theta').role, row(regular.leaderboard, 'theta').weight]).toEqual(['strong', 1 + DEFAULT_TUNING.margin]);
    expect([row(regular.leaderboard, 'damped').role, row(regular.leaderboard, 'damped').weight]).toEqual(['strong', 1 + DEFAULT_TUNING.margin]);
    expect([row(regular.leaderboard, 'naive').role, row(regular.leaderboard, 'naive').weight]).toEqual(['other', 1 + DEFAULT_TUNING.wideMargin]);
    for (const r of regular.leaderboard) expect(r.score).toBe(r.error! * r.weight!);
    expect(regular.choice).toMatchObject({ strongWeight: 1.5, otherWeight: 4, origins: DEFAULT_TUNING.origins, minStockedShare: null });
  });

  it('orders rows as the choice ranked them, and keeps the plain error rank', () => {
    for (const c of cases) {
      const scores = c.leaderboard.map((r) => r.score ?? Infinity);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(c.leaderboard.map((r) => r.errorRank).sort((a, b) => a - b)).toEqual(c.board.map((_, k) => k + 1));
      for (const r of c.leaderboard) expect(r.error).toBe(c.board[r.errorRank - 1]!.error);
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

  it('on intermittent demand: the moving average is the default, naive can never win, the bias guard is named', () => {
    const intermittent = cases.filter((c) => c.intermittent);
    expect(intermittent.length).toBeGreaterThan(0);
    for (const c of intermittent) {
      expect(c.choice).toMatchObject({ defaultModel: 'ma', defaultMembers: ['ma'], minStockedShare: 0.5 });
      expect(c.choice.strongModels).toEqual(['sba', 'tsb']);
      expect(row(c.leaderboard, 'naive')).toMatchObject({ role: 'ineligible', weight: null, score: null, winner: false });
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
    expect(leaderboard.map((r) => [r.model, r.score, r.failedBiasGuard])).toEqual([
      ['tsb', 0.6 * 1.5, true],
      ['ma', 1.0, false],
      ['sba', 1.1 * 1.5, false],
      ['naive', null, false],
    ]);
  });

  it('a default that is one core model, or the lowest error when none could be fitted', () => {
    const single = explainTournament(
      [
        { model: 'theta', error: 0.8 },
        { model: 'local_drift', error: 0.9 },
        { model: 'naive', error: 1.0 },
      ],
      'local_drift',
      false,
      false,
    );
    expect(single.choice).toMatchObject({ defaultModel: 'local_drift', defaultMembers: ['local_drift'] });
    expect(single.leaderboard.map((r) => [r.model, r.weight])).toEqual([
      ['local_drift', 1],
      ['theta', 1.5],
      ['naive', 4],
    ]);
    const none = explainTournament(
      [
        { model: 'ses', error: 0.7 },
        { model: 'naive', error: 0.9 },
      ],
      'ses',
      false,
      false,
    );
    expect(none.choice).toMatchObject({ defaultModel: 'ses', defaultMembers: [] });
    expect(row(none.leaderboard, 'ses')).toMatchObject({ role: 'default', weight: 1, winner: true });
  });
});
