import { describe, expect, it } from 'vitest';
import { decideMemberPool, forecastBatch, MEMBER_NAMES, memberPool, pooledSettings, validateSettings, type ForecastSettings } from '@/lib/forecast';
import { POOL_MARGIN, POOL_MIN_SERIES, POOL_ROW } from '@/lib/forecast/engine/pool';
import { cycles, pack, peaked, trends } from './catalogues';

const settings: ForecastSettings = { horizon: 4, season: 1, levels: [80, 95] };
const arima = MEMBER_NAMES.indexOf('auto_arima');

describe('the member pool: what a catalogue’s regular demand is combined from', () => {
  it('keeps every member where they are all sound methods for the catalogue', () => {
    const pool = memberPool(pack(trends(40, 11)), settings);
    expect(pool.members).toEqual([...MEMBER_NAMES]);
    expect(pool.series).toBe(40);
    for (const r of pool.ratio) expect(r).toBeGreaterThan(POOL_MARGIN);
  });

  it('takes one method alone where its held-back error is clearly below the combination’s, and the engine forecasts with it', () => {
    const batch = pack(cycles(40, 7));
    const pool = memberPool(batch, settings);
    expect(pool.members).toEqual(['auto_arima']);
    expect(pool.ratio[arima]).toBeLessThanOrEqual(POOL_MARGIN);
    const r = forecastBatch(batch, pooledSettings(settings, pool));
    for (let i = 0; i < r.count; i++) {
      expect(r.modelNames[r.model[i]]).toBe('auto_arima');
      // The winner is the one eligible entry, scored beside the others; no combination competes.
      const board = Array.from(r.leaderboardModel.subarray(r.leaderboardOffsets[i], r.leaderboardOffsets[i + 1]), (m) => r.modelNames[m]);
      expect(board).toContain('auto_arima');
      expect(board.some((m) => m.startsWith('combo('))).toBe(false);
      expect(r.error[i]).toBe(r.leaderboardError[r.leaderboardOffsets[i] + board.indexOf('auto_arima')]);
    }
    // Without the pool the same series are forecast by the combination.
    const free = forecastBatch(batch, settings);
    expect(free.modelNames[free.model[0]]).toMatch(/^combo\(/);
  });

  it(`decides nothing on fewer than ${POOL_MIN_SERIES} scorable series, however clear they look`, () => {
    const pool = memberPool(pack(cycles(POOL_MIN_SERIES - 1, 7)), settings);
    expect(pool.series).toBe(POOL_MIN_SERIES - 1);
    expect(pool.ratio[arima]).toBeLessThanOrEqual(POOL_MARGIN);
    expect(pool.members).toEqual([...MEMBER_NAMES]);
  });

  it('scores regular demand only: intermittent, flat, too-short and stopped series are left out, and the pool never changes their forecasts', () => {
    const intermittent = Array.from({ length: 60 }, (_, t) => (t % 3 === 0 ? 4 : 0));
    const flat = Array.from({ length: 60 }, () => 7);
    const short = [1, 2, 3, 4, 5, 6];
    // Sold, then stopped before the periods held back: no demand to score a method on.
    const stopped = [...trends(1, 3)[0].slice(0, 52), ...Array.from({ length: 8 }, () => 0)];
    const all = [...cycles(40, 7), intermittent, flat, short, stopped];
    const pool = memberPool(pack(all), settings);
    expect(pool.series).toBe(40);
    const pooled = forecastBatch(pack(all), pooledSettings(settings, pool));
    const free = forecastBatch(pack(all), settings);
    for (const i of [40, 41]) {
      expect(pooled.modelNames[pooled.model[i]]).toBe(free.modelNames[free.model[i]]);
      expect(pooled.point.subarray(i * 4, i * 4 + 4)).toEqual(free.point.subarray(i * 4, i * 4 + 4));
    }
  });

  it('is deterministic, and a chunk forecast with the catalogue’s pool equals the whole run', () => {
    const series = [...cycles(35, 3), ...trends(10, 5)];
    const a = memberPool(pack(series), settings);
    const b = memberPool(pack(series), settings);
    expect(a).toEqual(b);
    const pooled = { ...settings, members: a.members };
    const whole = forecastBatch(pack(series), pooled);
    const chunk = forecastBatch(pack(series.slice(30, 40)), pooled);
    expect(chunk.point).toEqual(whole.point.subarray(30 * 4, 40 * 4));
    expect(chunk.model).toEqual(whole.model.subarray(30, 40));
  });

  it(`sets promotion-like spikes aside where they were found in at least ${POOL_MIN_SERIES} series and the cleaned histories’ held-back error is the lower`, () => {
    // Rows as scorePool writes them: each member's log ratio, then the cleaned history's (NaN: nothing cleaned).
    const rows = (cleaned: number[], series = 40) =>
      Float64Array.from({ length: series * POOL_ROW }, (_, at) => (at % POOL_ROW < MEMBER_NAMES.length ? 0.01 : (cleaned[Math.floor(at / POOL_ROW)] ?? NaN)));
    const gain = Array.from({ length: 40 }, (_, i) => (i % 2 ? -0.2 : 0.1));
    expect(decideMemberPool(rows(gain))).toMatchObject({ cleanPromotions: true, promotionSeries: 40 });
    expect(decideMemberPool(rows(gain)).promotionRatio).toBeCloseTo(Math.exp(-0.05), 12);
    expect(decideMemberPool(rows(gain.map((r) => -r)))).toMatchObject({ cleanPromotions: false, promotionSeries: 40 });
    expect(decideMemberPool(rows(gain.slice(0, POOL_MIN_SERIES - 1)))).toMatchObject({ cleanPromotions: false, promotionSeries: POOL_MIN_SERIES - 1 });
    expect(decideMemberPool(rows([]))).toMatchObject({ cleanPromotions: false, promotionSeries: 0, members: [...MEMBER_NAMES], series: 40 });
  });

  it('keeps the raw history where the cleaning finds nothing to set aside: no spikes, or a season’s peaks', () => {
    const smooth = memberPool(pack(trends(40, 11)), settings);
    expect(smooth).toMatchObject({ cleanPromotions: false, promotionSeries: 0 });
    const seasonal = memberPool(pack(peaked(40, 4, 12)), { ...settings, season: 12 });
    expect(seasonal).toMatchObject({ cleanPromotions: false, promotionSeries: 0 });
  });

  it('a named subset of members is combined where they could be fitted; settings naming anything else are refused', () => {
    const batch = pack(trends(3, 13));
    const r = forecastBatch(batch, { ...settings, members: ['auto_ets', 'theta'] });
    expect(r.modelNames[r.model[0]]).toBe('combo(auto_ets+theta)');
    expect(() => validateSettings({ ...settings, members: ['croston'] })).toThrow(/"croston" is not an automatic method/);
    expect(() => validateSettings({ ...settings, members: [] })).toThrow(/at least one/);
    expect(() => memberPool(batch, { ...settings, members: ['naive'] })).toThrow(RangeError);
  });
});
