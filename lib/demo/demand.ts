import { BAG_KG, DOZEN, SACK_KG, type DemoItem } from './catalog';
import { Rng } from './random';

/**
 * Daily demand of one demo item over the history window, in base units: a level with trend,
 * weekday rhythm, yearly season, promotions (and the dip after them) and day-to-day noise, drawn
 * as whole counts (Poisson). Slow movers come out intermittent; dead items stop selling.
 */
export interface Calendar {
  /** day number (days since 1970-01-01) of the first and last day */
  first: number;
  last: number;
  /** per day of the window: weekday (Monday 0), day of the year (0-based), ISO date */
  weekday: Uint8Array;
  yearDay: Uint16Array;
  iso: string[];
}

export function calendar(first: number, last: number): Calendar {
  const days = last - first + 1;
  const weekday = new Uint8Array(days);
  const yearDay = new Uint16Array(days);
  const iso: string[] = [];
  for (let t = 0; t < days; t++) {
    weekday[t] = (first + t + 3) % 7; // 1970-01-01 was a Thursday
    yearDay[t] = yearDayOf(first + t);
    iso.push(new Date((first + t) * 86_400_000).toISOString().slice(0, 10));
  }
  return { first, last, weekday, yearDay, iso };
}

/** The item's yearly season on a day of the year (0-based): 1 on average over the year. */
export function seasonFactor(item: DemoItem, yearDay: number): number {
  return 1 + item.season * Math.cos((2 * Math.PI * (yearDay - item.peakDay)) / 365.25);
}

/** Day of the year (0-based) of a day number. */
export function yearDayOf(day: number): number {
  const date = new Date(day * 86_400_000);
  return (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000;
}

/**
 * How much more (or less) the item's season asks for over the `ahead` days after `last` than it
 * did over the `behind` days up to it: what stock sized from recent sales must be scaled by.
 */
export function seasonAhead(item: DemoItem, last: number, behind: number, ahead: number): number {
  let past = 0;
  for (let day = last - behind + 1; day <= last; day++) past += seasonFactor(item, yearDayOf(day));
  let future = 0;
  for (let day = last + 1; day <= last + ahead; day++) future += seasonFactor(item, yearDayOf(day));
  return future / ahead / (past / behind);
}

export function dailyDemand(item: DemoItem, window: Calendar, rng: Rng): Float64Array {
  const days = window.last - window.first + 1;
  const demand = new Float64Array(days);
  const weekMean = item.week.reduce((s, w) => s + w, 0) / 7;
  const countUnit = item.baseUom === 'KG' ? BAG_KG : 1; // coffee is counted in bags
  const noiseShift = (item.noise * item.noise) / 2;
  for (let t = 0; t < days; t++) {
    const day = window.first + t;
    const ago = window.last - day;
    if (ago >= item.sellingFor || (item.movement === 'dead' && ago < item.stoppedDaysAgo)) continue;
    const weekday = window.weekday[t]!;
    const yearDay = window.yearDay[t]!;
    let mean =
      item.level *
      Math.exp((-item.trendPerYear * ago) / 365) *
      (item.week[weekday]! / weekMean) *
      seasonFactor(item, yearDay);
    for (const p of item.promotions) {
      if (ago <= p.start && ago > p.start - p.days) mean *= p.uplift;
      else if (ago <= p.start - p.days && ago > p.start - p.days - 7) mean *= 0.85; // customers stocked up
    }
    mean *= Math.exp(item.noise * rng.normal() - noiseShift);
    demand[t] = rng.poisson(mean / countUnit) * countUnit;
    if (item.palletOrdersPerYear > 0 && rng.chance(item.palletOrdersPerYear / 365)) demand[t]! += item.palletUnits;
  }
  return demand;
}

/**
 * The sales rows recording one day's demand, in the mixed units a real ERP export carries:
 * wholesale customers buy pallets and cases, some items sell by the dozen, coffee in bags, sacks
 * or loose kilograms. Calls `row(quantity, unit)` for each; the rows add up to `demand`.
 */
export function recordSales(item: DemoItem, demand: number, rng: Rng, row: (quantity: string, unit: string) => void): void {
  if (item.baseUom === 'KG') {
    if (item.looseKg) {
      row(String(Math.round(demand * 100) / 100), 'KG');
      return;
    }
    let bags = Math.round(demand / BAG_KG);
    const bagsPerSack = SACK_KG / BAG_KG;
    if (bags >= bagsPerSack && rng.chance(0.3)) {
      const sacks = Math.floor(bags / bagsPerSack);
      row(String(sacks), 'SACK');
      bags -= sacks * bagsPerSack;
    }
    if (bags > 0) row(String(bags), 'BAG');
    return;
  }
  let rest = demand;
  const pallets = Math.floor(rest / item.palletUnits);
  if (pallets > 0) {
    row(String(pallets), 'PALLET');
    rest -= pallets * item.palletUnits;
  }
  if (item.caseShare > 0) {
    const cases = Math.floor((rest * item.caseShare) / item.casePack);
    if (cases > 0) {
      row(String(cases), 'CASE');
      rest -= cases * item.casePack;
    }
  }
  if (item.dozens && rest >= DOZEN) {
    const dozens = Math.floor(rest / DOZEN);
    row(String(dozens), 'DZ');
    rest -= dozens * DOZEN;
  }
  if (rest > 0) row(String(rest), 'EA');
}
