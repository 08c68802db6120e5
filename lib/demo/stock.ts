import type { DemoItem, DemoStatus } from './catalog';
import { seasonAhead, type Calendar } from './demand';
import { Rng } from './random';

/**
 * Stock positions that put each demo item in its intended health status, with clear margins
 * against what the inventory engine computes from demand (d, per day) and lead time (L):
 *   stockout   on hand 0 while the item sells (some with an open order arriving soon)
 *   at risk    on hand + on order at 25–45% of lead-time demand: far under the reorder point
 *              (d·L + safety stock), yet above 0
 *   healthy    (d·(L + 12…20 days) + 1.5 × safety stock) × the season ahead over the season
 *              behind: above the reorder point by 12+ days of demand, and under the 8–13 weeks
 *              of cover that make stock excess
 *   excess     300–500 days of demand at the item's seasonal peak
 *   no demand  dead stock: sits on the shelf, nothing sold for 150+ days
 */
export interface StockPosition {
  asOf: string;
  onHand: string;
  onOrder: string;
  uom: string;
  due: string;
}

const Z: Record<string, number> = { '0.9': 1.2816, '0.95': 1.6449, '0.97': 1.8808, '0.98': 2.0537, '0.99': 2.3263 };

/** Mean and standard deviation of the last `n` days of demand. */
function recent(demand: Float64Array, n: number): { mean: number; sd: number } {
  const from = Math.max(0, demand.length - n);
  const count = demand.length - from;
  let sum = 0;
  for (let t = from; t < demand.length; t++) sum += demand[t]!;
  const mean = count ? sum / count : 0;
  let sq = 0;
  for (let t = from; t < demand.length; t++) sq += (demand[t]! - mean) ** 2;
  return { mean, sd: count > 1 ? Math.sqrt(sq / (count - 1)) : 0 };
}

function dayIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The item's positions (oldest first) and the status they produce. */
export function stockPositions(
  item: DemoItem,
  demand: Float64Array,
  cal: Calendar,
  rng: Rng,
): { status: DemoStatus; positions: StockPosition[] } {
  // Intermittent demand is judged over half a year, steady demand over the last eight weeks.
  const window = item.movement === 'slow' ? 182 : 56;
  const { mean, sd } = recent(demand, window);
  const d = Math.max(mean, 0.01);
  const lead = item.leadTimeDays;
  // Demand's spread over the lead time and the lead time's own, as the inventory engine adds them.
  const safety = (Z[String(item.serviceLevel)] ?? 1.6449) * Math.sqrt(lead * sd * sd + d * d * item.leadTimeSdDays ** 2);
  let status = item.status;
  if (status === 'at_risk' && d * lead < 10) status = 'stockout'; // too few units for a clear margin
  let onHand = 0;
  let onOrder = 0;
  let dueIn = 0;
  switch (status) {
    case 'no_demand':
      onHand = rng.uniform(20, 400);
      break;
    case 'stockout':
      if (rng.chance(0.5)) {
        onOrder = d * (lead + 14);
        dueIn = rng.int(1, Math.max(1, lead - 1));
      }
      break;
    case 'at_risk': {
      const position = d * lead * rng.uniform(0.25, 0.45);
      if (rng.chance(0.3)) {
        onOrder = Math.floor(position * 0.4);
        dueIn = rng.int(1, lead);
      }
      onHand = Math.max(1, position - onOrder);
      break;
    }
    case 'healthy': {
      // Sized for what the season asks over the lead time and the cover, not for the last weeks:
      // a winter line in autumn needs more than its autumn sales, a summer line less.
      const cover = lead + rng.uniform(12, 20);
      const position = (d * cover + 1.5 * safety) * seasonAhead(item, cal.last, window, cover);
      if (rng.chance(0.4)) {
        onOrder = d * rng.uniform(5, 10);
        dueIn = rng.int(1, lead);
      }
      onHand = position - onOrder;
      break;
    }
    case 'excess': {
      // Measured against the busiest demand the item may see next (its season's peak), not
      // just the last weeks, so a winter item in autumn is still clearly overstocked.
      const peak = Math.max(d, recent(demand, demand.length).mean) * (1 + item.season);
      onHand = peak * rng.uniform(300, 500) + 2 * item.casePack;
      break;
    }
  }
  const kg = item.baseUom === 'KG';
  const inCases = !kg && (status === 'healthy' || status === 'excess') && onHand >= 10 * item.casePack && rng.chance(0.2);
  const unit = inCases ? item.casePack : 1;
  const amount = (v: number) => (kg ? String(Math.round(v * 100) / 100) : String(status === 'at_risk' ? Math.floor(v / unit) : Math.round(v / unit)));
  const uom = inCases ? 'CASE' : item.baseUom;
  const positions: StockPosition[] = [
    {
      asOf: cal.iso[cal.iso.length - 1]!,
      onHand: amount(onHand),
      onOrder: amount(onOrder),
      uom,
      due: onOrder > 0 ? dayIso(cal.last + dueIn) : '',
    },
  ];
  if (cal.iso.length > 28 && rng.chance(0.2)) {
    positions.unshift({
      asOf: cal.iso[cal.iso.length - 29]!,
      onHand: amount(onHand + d * 28 * rng.uniform(0.3, 1)),
      onOrder: amount(0),
      uom,
      due: '',
    });
  }
  return { status, positions };
}
