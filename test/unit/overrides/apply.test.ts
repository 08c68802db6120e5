import { describe, expect, it } from 'vitest';
import { applyOverrides, coveredPeriods, isExpired, type OverrideColumns } from '@/lib/overrides/apply';
import { periodStart } from '@/lib/inventory/periods';
import { parseOverride } from '@/lib/overrides/validate';
import { parseIsoDay } from '@/lib/store/days';

const columns = (rows: [item: number, startDay: number, lastDay: number, kind: 0 | 1, value: number][]): OverrideColumns => ({
  count: rows.length,
  item: Int32Array.from(rows, (r) => r[0]),
  startDay: Int32Array.from(rows, (r) => r[1]),
  lastDay: Int32Array.from(rows, (r) => r[2]),
  kind: Uint8Array.from(rows, (r) => r[3]),
  value: Float64Array.from(rows, (r) => r[4]),
});

// Weekly periods: forecast period 0 is week 100, which starts on day periodStart('week', 100).
const W = periodStart('week', 100);
const frame = { period: 'week' as const, forecastStartPeriod: 100, horizon: 4 };

describe('applying overrides after the engine', () => {
  it('covers the periods whose first day is in range, clipped to the horizon', () => {
    expect(coveredPeriods('week', 100, W + 7, W + 13)).toEqual([1, 1]);
    // starting mid-week: that week's first day is before the start, so it begins the week after
    expect(coveredPeriods('week', 100, W + 8, W + 21)).toEqual([2, 3]);
    expect(coveredPeriods('week', 100, W - 3, W + 100)).toEqual([0, 14]);
    expect(isExpired(W - 1, W)).toBe(true);
    expect(isExpired(W, W)).toBe(false);
  });

  it('sets quantities and scales by percent, keeps the statistical forecast and moves the bands with the final one', () => {
    const point = Float64Array.from([10, 20, 30, 40, 5, 5, 5, 5, 7, 7, 7, 7]);
    const lo = Float64Array.from([8, 18, 28, 38, 4, 4, 4, 4, 6, 6, 6, 6]);
    const hi = Float64Array.from([12, 22, 32, 42, 6, 6, 6, 6, 8, 8, 8, 8]);
    const statistical = new Float64Array(12);
    const overridden = new Uint8Array(3);
    applyOverrides(
      columns([
        [0, W + 7, W + 13, 0, 50], // week 1 of item 0 → 50
        [1, W - 3, W + 100, 1, 20], // every week of item 1 → +20%
        [1, W + 14, W + 14, 0, 0], // then week 2 of item 1 → 0 (the later override wins)
        [2, W - 30, W - 1, 0, 99], // item 2: expired before the forecast starts
      ]),
      frame,
      point,
      [lo, hi],
      statistical,
      overridden,
    );
    expect([...statistical]).toEqual([10, 20, 30, 40, 5, 5, 5, 5, 7, 7, 7, 7]);
    expect([...point]).toEqual([10, 50, 30, 40, 6, 6, 0, 6, 7, 7, 7, 7]);
    expect([...overridden]).toEqual([1, 1, 0]);
    expect([...lo]).toEqual([8, 48, 28, 38, 5, 5, 0, 5, 6, 6, 6, 6]);
    expect([...hi]).toEqual([12, 52, 32, 42, 7, 7, 1, 7, 8, 8, 8, 8]);
  });

  it('scales the statistical figure, so two percentages on one period do not compound', () => {
    const point = Float64Array.from([100]);
    const statistical = new Float64Array(1);
    applyOverrides(columns([[0, W, W, 1, 10], [0, W, W, 1, -50]]), { ...frame, horizon: 1 }, point, [], statistical, new Uint8Array(1));
    expect(point[0]).toBe(50);
  });
});

describe('checking an override', () => {
  it('accepts a quantity or a percent with a reason', () => {
    expect(parseOverride({ item_id: 'A', period_start: '2026-01-05', period_end: '2026-02-01', percent: '15', reason: 'promotion', until: '' })).toEqual({
      override: { itemId: 'A', startDay: parseIsoDay('2026-01-05'), endDay: parseIsoDay('2026-02-01'), kind: 'percent', value: 15, reason: 'promotion', untilDay: null },
    });
  });

  it('names the field of every problem', () => {
    const result = parseOverride({ item_id: 'A', period_start: '2026-13-01', period_end: '2026-01-01', quantity: 5, percent: 5, reason: ' ' });
    expect('issues' in result && result.issues.map((i) => i.column)).toEqual(['period_start', 'percent', 'reason']);
    const reversed = parseOverride({ item_id: 'A', period_start: '2026-02-01', period_end: '2026-01-01', quantity: -1, reason: 'x', until: '2025-01-01' });
    expect('issues' in reversed && reversed.issues).toEqual([
      { column: 'period_end', message: 'is before period_start' },
      { column: 'quantity', message: '-1 is negative' },
      { column: 'until', message: 'is before period_start' },
    ]);
    const percent = parseOverride({ item_id: 'A', period_start: '2026-01-01', period_end: '2026-01-01', percent: '-150', reason: 'x' });
    expect('issues' in percent && percent.issues).toEqual([{ column: 'percent', message: '-150 is outside -100 … 1000' }]);
    const huge = parseOverride({ item_id: 'A', period_start: '2026-01-01', period_end: '2026-01-01', quantity: '2e12', reason: 'x' });
    expect('issues' in huge && huge.issues).toEqual([{ column: 'quantity', message: '2000000000000 is above 1e12 (a trillion)' }]);
  });
});
