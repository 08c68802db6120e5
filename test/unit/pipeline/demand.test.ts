import { describe, expect, it } from 'vitest';
import { MAX_HISTORY } from '@/lib/forecast';
import { addSales, demandSeries, emptyDemand, type DemandState } from '@/lib/pipeline/demand';

const YEAR = 52;
/** The engine's longest history and the last period, which may be a part-period the history leaves out. */
const HELD = MAX_HISTORY + 1;

interface Rows {
  item: number[];
  period: number[];
  quantity: number[];
}

/** Adds rows in pieces of `piece`, in the order given (a period is a day). */
function add(state: DemandState, rows: Rows, order: number[], piece: number): void {
  for (let at = 0; at < order.length; at += piece) {
    const part = order.slice(at, at + piece);
    const periods = Int32Array.from(part, (r) => rows.period[r]!);
    addSales(state, Int32Array.from(part, (r) => rows.item[r]!), periods, periods, Float64Array.from(part, (r) => rows.quantity[r]!), part.length);
  }
}

/** A fixed shuffle: the same for every run. */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, k) => k);
  let seed = 7;
  for (let k = n - 1; k > 0; k--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (k + 1);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  return order;
}

const series = (h: ReturnType<typeof demandSeries>['history'], i: number) => [...h.values.subarray(h.offsets[i]!, h.offsets[i + 1]!)];

describe('the demand matrix', () => {
  // Items 1 and 2 sell every week of three years; item 1 also has a sale typed a century early.
  const last = 3000;
  const rows: Rows = { item: [], period: [], quantity: [] };
  for (let p = last - 3 * YEAR + 1; p <= last; p++) {
    for (const item of [1, 2]) rows.item.push(item), rows.period.push(p), rows.quantity.push(item + (p % 5));
  }
  const clean = rows.item.length;
  rows.item.push(1), rows.period.push(last - 3 * YEAR + 1 - 100 * YEAR), rows.quantity.push(4);

  it('holds no more than the engine’s history however early a sale is dated, and forecasts its item from its sales since', () => {
    const keys = Int32Array.of(1, 2);
    const plain = emptyDemand(keys);
    add(plain, rows, Array.from({ length: clean }, (_, k) => k), 1000);
    const want = demandSeries(plain, 'day', last, YEAR);
    const typedFirst = [clean, ...Array.from({ length: clean }, (_, k) => k)];
    const typedLast = [...typedFirst.slice(1), clean];
    for (const [name, order] of Object.entries({ typedFirst, typedLast, shuffled: shuffled(clean + 1) })) {
      for (const piece of [1, 97, clean + 1]) {
        const state = emptyDemand(keys);
        add(state, rows, order, piece);
        expect(state.span, `${name} in pieces of ${piece}`).toBeLessThanOrEqual(2 * HELD);
        // A row it will not hold does not grow it.
        if (name === 'typedLast') {
          const without = emptyDemand(keys);
          add(without, rows, typedLast.slice(0, clean), piece);
          expect([state.lo, state.span], `${name} in pieces of ${piece}`).toEqual([without.lo, without.span]);
        }
        const got = demandSeries(state, 'day', last, YEAR);
        expect([...got.history.start], name).toEqual([...want.history.start]);
        expect(series(got.history, 0), name).toEqual(series(want.history, 0));
        expect(series(got.history, 1), name).toEqual(series(want.history, 1));
        expect([...got.setAside], name).toEqual([0]);
        expect(state.firstPeriod[0], name).toBe(last - 3 * YEAR + 1 - 100 * YEAR);
      }
    }
    expect([...want.setAside]).toEqual([]);
  });

  it('keeps the last periods exact when a history is longer than it holds, and sets nothing aside', () => {
    const long: Rows = { item: [], period: [], quantity: [] };
    for (let p = 0; p < 3 * HELD; p++) long.item.push(1), long.period.push(p), long.quantity.push(1 + (p % 7) / 8);
    const state = emptyDemand(Int32Array.of(1));
    add(state, long, shuffled(long.item.length), 333);
    const end = 3 * HELD - 1;
    const { history, setAside } = demandSeries(state, 'day', end, YEAR);
    expect(history.start[0]).toBe(end - HELD + 1);
    expect(series(history, 0)).toEqual(Array.from({ length: HELD }, (_, k) => 1 + ((end - HELD + 1 + k) % 7) / 8));
    expect([...setAside]).toEqual([]);
  });
});
