import { normalQuantile } from './normal';

/**
 * Inventory health per item from its forecast, as columns in and columns out.
 *
 * Time: the forecast's period k (k = 0..H-1) covers [k, k+1) in "period units", starting on
 * `forecastStartDay`; a day d sits at t(d) = (d - forecastStartDay) / periodDays. The stock
 * position is as of `asOfDay` (t0 = t(asOfDay) ≥ 0; the pipeline passes the day after the last
 * sale, which may fall inside forecast period 0 when that period was incomplete).
 *
 * Cumulative demand C(t) is the running sum of the forecast (negative points count as 0), linear
 * inside a period (fractional periods are interpolated) and, past the horizon, continuing flat at
 * the horizon's mean rate: neutral to seasonality, and no trend is extrapolated beyond what the
 * engine forecast. Demand between two days is C(t(b)) - C(t(a)).
 *
 * - demandOverLeadTime = C(t0 + L) - C(t0), L = lead time in periods.
 * - safetyStock = z(service level) × σ(L), once per item, where σ(L)² is the variance of the error
 *   of the forecast summed over L periods, from the engine's `cumulativeSigma` (σ of the sum of
 *   forecasts 1..k, the σ that gives the measured bound at 95% service where the errors' upper
 *   tail is heavy): variance is interpolated linearly between whole periods (√L scaling inside
 *   the first period) and grows past the horizon by its last per-period increment (at least the
 *   one-step variance) — the engine's summed form of L·σ_d². A lead time that varies adds
 *   d²·σ_L², d the forecast's mean daily demand over the lead time (over the horizon when L = 0)
 *   and σ_L the lead time's standard deviation in days; σ_L = 0 (or not given) leaves σ(L) as it
 *   was. Service level defaults to 0.95 and is clamped to [0.5, 0.9999].
 * - reorderPoint = demandOverLeadTime + safetyStock. Position = on hand + on order.
 * - daysOfSupply: days from the as-of day until the forecast consumes the on-hand stock (on order
 *   not counted); 0 when on hand ≤ 0; Infinity when it lasts beyond `capDays`.
 * - stockoutDay: first day the projected stock reaches 0, counting on-order stock from its due
 *   day (unknown due day: the as-of day + lead time, i.e. as late as a fresh order; a due day in
 *   the past: the as-of day). NaN when no stockout is foreseen within `capDays`.
 * - targetCover = reorderPoint + demand over `excessCoverDays` after the lead time (default 91
 *   days, 13 weeks); excessUnits = max(position - targetCover, 0); excessValue = excessUnits ×
 *   unit cost. Dead stock (no demand) is therefore all excess.
 * - orderQuantity: when position ≤ reorderPoint, enough to bring the position up to reorderPoint
 *   + demand over `orderCycleDays` after the lead time (default 28), at least the MOQ, rounded UP
 *   to a whole number of case packs; otherwise 0. No order is suggested for `no_demand` items,
 *   nor for items without a stock record.
 * - An item without a stock record (`stockRecorded` 0: no inventory row was ever imported for it)
 *   has no known position: its days of supply, stockout day and projection are NaN (unknown, not
 *   0), and nothing of it is excess. Demand over the lead time, safety stock, reorder point and
 *   target cover need no stock and are computed as for any item: what to hold once it is recorded.
 * - projectedOnHand[k]: stock at the end of forecast period k, lost-sales (never below 0), the
 *   on-order quantity added on its due day; periods ending before the as-of day show on hand.
 * - status, first that applies (precedence):
 *   1. `no_demand`: no sale within `noDemandDays` (91) before the as-of day AND the forecast
 *      expects less than `noDemandUnits` (1 base unit) over the next `noDemandDays`;
 *   2. `no_stock`: no stock record (the item has demand, by 1.): nothing is known to judge its
 *      health with; a recorded 0 on hand is a real stockout (3.);
 *   3. `stockout`: on hand ≤ 0;
 *   4. `at_risk`: position ≤ reorderPoint, or the projected stockout falls within the lead time
 *      (stockoutDay < as-of day + lead time);
 *   5. `excess`: excessUnits > 0;
 *   6. `healthy`.
 *   The urgent problem wins: an item running out before a large late order arrives is at risk,
 *   not excess. No demand wins over no stock: an item that neither sells nor is expected to has
 *   nothing to judge with or without a record, asks for no order either way, and stays where it
 *   was before stock was recorded.
 */
export const STATUSES = ['stockout', 'at_risk', 'healthy', 'excess', 'no_demand', 'no_stock'] as const;
export type Status = (typeof STATUSES)[number];
export const STOCKOUT = 0;
export const AT_RISK = 1;
export const HEALTHY = 2;
export const EXCESS = 3;
export const NO_DEMAND = 4;
export const NO_STOCK = 5;

export interface HealthSettings {
  defaultServiceLevel: number;
  excessCoverDays: number;
  orderCycleDays: number;
  noDemandDays: number;
  noDemandUnits: number;
  capDays: number;
}

export const DEFAULT_HEALTH_SETTINGS: Readonly<HealthSettings> = {
  defaultServiceLevel: 0.95,
  excessCoverDays: 91,
  orderCycleDays: 28,
  noDemandDays: 91,
  noDemandUnits: 1,
  capDays: 3650,
};

export interface HealthInput {
  count: number;
  /** Forecast periods per item (H). */
  horizon: number;
  periodDays: number;
  forecastStartDay: number;
  asOfDay: number;
  /** count × horizon, base units per period. */
  point: Float64Array;
  /** count × horizon: σ of the error of the sum of forecasts 1..k. */
  cumulativeSigma: Float64Array;
  leadTimeDays: Float64Array;
  /** NaN → settings.defaultServiceLevel. */
  serviceLevel: Float64Array;
  /** 1 where the item has a stock record, 0 where none was ever imported (on hand unknown). */
  stockRecorded: Uint8Array;
  onHand: Float64Array;
  onOrder: Float64Array;
  /** NaN when unknown. */
  onOrderDueDay: Float64Array;
  unitCost: Float64Array;
  /** NaN or ≤ 0 → 1. */
  casePack: Float64Array;
  /** NaN → 0. */
  moq: Float64Array;
  /** NaN when the item never sold. */
  lastSaleDay: Float64Array;
  /** Standard deviation of the lead time in days; NaN, ≤ 0 or absent → a fixed lead time. */
  leadTimeSdDays?: Float64Array;
}

export interface HealthResult {
  demandOverLeadTime: Float64Array;
  safetyStock: Float64Array;
  reorderPoint: Float64Array;
  daysOfSupply: Float64Array;
  stockoutDay: Float64Array;
  targetCover: Float64Array;
  excessUnits: Float64Array;
  excessValue: Float64Array;
  orderQuantity: Float64Array;
  /** Forecast demand over `orderCycleDays` after the lead time: what an order covers past the reorder point. */
  cycleDemand: Float64Array;
  /** Mean forecast demand per day over the horizon. */
  dailyDemand: Float64Array;
  status: Uint8Array;
  /** count × horizon. */
  projectedOnHand: Float64Array;
}

/** C(t) from the running sums `cum[0..H]` and the flat tail rate. */
function cumulativeAt(cum: Float64Array, horizon: number, tail: number, t: number): number {
  if (t <= 0) return 0;
  if (t >= horizon) return cum[horizon]! + (t - horizon) * tail;
  const k = Math.floor(t);
  return cum[k]! + (t - k) * (cum[k + 1]! - cum[k]!);
}

/** Smallest t ≥ from with C(t) ≥ c; Infinity when the demand never gets there. */
function timeToReach(cum: Float64Array, horizon: number, tail: number, c: number, from: number): number {
  for (let k = Math.max(0, Math.floor(from)); k < horizon; k++) {
    if (cum[k + 1]! >= c) {
      const rate = cum[k + 1]! - cum[k]!;
      return rate > 0 ? Math.max(from, k + (c - cum[k]!) / rate) : Math.max(from, k);
    }
  }
  return tail > 0 ? Math.max(from, horizon + (c - cum[horizon]!) / tail) : Number.POSITIVE_INFINITY;
}

/** Variance of the summed forecast error over `t` periods from the cumulative σ row at `base`. */
function errorVarianceOver(sigma: Float64Array, base: number, horizon: number, t: number): number {
  if (t <= 0 || horizon === 0) return 0;
  const v1 = finiteSquare(sigma[base]!);
  if (t <= 1) return t * v1;
  if (t >= horizon) {
    const vH = finiteSquare(sigma[base + horizon - 1]!);
    const vPrev = horizon >= 2 ? finiteSquare(sigma[base + horizon - 2]!) : 0;
    return vH + (t - horizon) * Math.max(vH - vPrev, v1);
  }
  const k = Math.floor(t);
  const vk = finiteSquare(sigma[base + k - 1]!);
  const vNext = finiteSquare(sigma[base + k]!);
  return vk + (t - k) * (vNext - vk);
}

function finiteSquare(x: number): number {
  return Number.isFinite(x) ? x * x : 0;
}

/** Whole case packs covering `need`, at least the MOQ; tolerant of floating-point dust. */
function roundUpToPacks(need: number, moq: number, casePack: number): number {
  const units = Math.max(need, moq);
  return Math.ceil(units / casePack - 1e-9) * casePack;
}

export function inventoryHealth(
  input: HealthInput,
  settings: HealthSettings = DEFAULT_HEALTH_SETTINGS,
): HealthResult {
  const { count, horizon: H, periodDays: pd, asOfDay } = input;
  const out: HealthResult = {
    demandOverLeadTime: new Float64Array(count),
    safetyStock: new Float64Array(count),
    reorderPoint: new Float64Array(count),
    daysOfSupply: new Float64Array(count),
    stockoutDay: new Float64Array(count),
    targetCover: new Float64Array(count),
    excessUnits: new Float64Array(count),
    excessValue: new Float64Array(count),
    orderQuantity: new Float64Array(count),
    cycleDemand: new Float64Array(count),
    dailyDemand: new Float64Array(count),
    status: new Uint8Array(count),
    projectedOnHand: new Float64Array(count * H),
  };
  const cum = new Float64Array(H + 1);
  const t0 = Math.max(0, (asOfDay - input.forecastStartDay) / pd);
  const coverPeriods = settings.excessCoverDays / pd;
  const cyclePeriods = settings.orderCycleDays / pd;
  const noDemandPeriods = settings.noDemandDays / pd;
  const capPeriods = settings.capDays / pd;

  for (let i = 0; i < count; i++) {
    const base = i * H;
    for (let k = 0; k < H; k++) {
      const d = input.point[base + k]!;
      cum[k + 1] = cum[k]! + (d > 0 ? d : 0); // NaN and negative demand count as none
    }
    const tail = H > 0 ? cum[H]! / H : 0;
    const c0 = cumulativeAt(cum, H, tail, t0);
    const leadDays = input.leadTimeDays[i]! > 0 ? input.leadTimeDays[i]! : 0;
    const lead = leadDays / pd;
    const cLead = cumulativeAt(cum, H, tail, t0 + lead);
    const demandLead = cLead - c0;

    const sl = input.serviceLevel[i]!;
    const level = Math.min(0.9999, Math.max(0.5, Number.isFinite(sl) ? sl : settings.defaultServiceLevel));
    const sdRaw = input.leadTimeSdDays ? input.leadTimeSdDays[i]! : 0;
    const leadSd = sdRaw > 0 ? sdRaw : 0;
    const daily = leadDays > 0 ? demandLead / leadDays : tail / pd;
    const variance = errorVarianceOver(input.cumulativeSigma, base, H, lead) + daily * daily * leadSd * leadSd;
    const safety = normalQuantile(level) * Math.sqrt(variance);
    const reorderPoint = demandLead + safety;

    const onHand = Number.isFinite(input.onHand[i]!) ? input.onHand[i]! : 0;
    const onOrder = input.onOrder[i]! > 0 ? input.onOrder[i]! : 0;
    const position = onHand + onOrder;
    const stock = onHand > 0 ? onHand : 0;
    const hasFutureDemand = tail > 0;
    const recorded = input.stockRecorded[i] === 1;

    // Days of supply: on hand only.
    const tRunOut = stock > 0 ? timeToReach(cum, H, tail, c0 + stock, t0) : hasFutureDemand ? t0 : Infinity;
    const daysOfSupply = !recorded ? Number.NaN : stock > 0 ? (tRunOut - t0) * pd : 0;

    // Projected stockout, with the on-order stock arriving on its due day.
    const dueRaw = input.onOrderDueDay[i]!;
    const dueDay = Number.isFinite(dueRaw) ? Math.max(dueRaw, asOfDay) : asOfDay + leadDays;
    const tDue = (dueDay - input.forecastStartDay) / pd;
    let tStockout = tRunOut;
    if (onOrder > 0 && tRunOut >= tDue) tStockout = timeToReach(cum, H, tail, c0 + stock + onOrder, t0);
    const stockoutDay = recorded && tStockout - t0 <= capPeriods ? Math.floor(input.forecastStartDay + tStockout * pd) : Number.NaN;

    const lastSale = input.lastSaleDay[i]!;
    const noRecentSale = !(asOfDay - lastSale <= settings.noDemandDays); // NaN (never sold) counts
    const noDemand =
      noRecentSale && cumulativeAt(cum, H, tail, t0 + noDemandPeriods) - c0 < settings.noDemandUnits;

    const targetCover = reorderPoint + cumulativeAt(cum, H, tail, t0 + lead + coverPeriods) - cLead;
    const excessUnits = recorded ? Math.max(position - targetCover, 0) : 0;

    const cycleDemand = cumulativeAt(cum, H, tail, t0 + lead + cyclePeriods) - cLead;
    let orderQuantity = 0;
    if (!noDemand && recorded && position <= reorderPoint) {
      const need = reorderPoint + cycleDemand - position;
      const pack = input.casePack[i]! > 0 ? input.casePack[i]! : 1;
      const moq = input.moq[i]! > 0 ? input.moq[i]! : 0;
      if (need > 0) orderQuantity = roundUpToPacks(need, moq, pack);
    }

    let status = HEALTHY;
    if (noDemand) status = NO_DEMAND;
    else if (!recorded) status = NO_STOCK;
    else if (onHand <= 0) status = STOCKOUT;
    else if (position <= reorderPoint || stockoutDay < asOfDay + leadDays) status = AT_RISK;
    else if (excessUnits > 0) status = EXCESS;

    // Inventory projection per forecast period (lost sales; on order lands on its due day).
    let level0 = stock;
    let arrived = onOrder <= 0;
    for (let k = 0; k < H; k++) {
      if (!recorded) {
        out.projectedOnHand[base + k] = Number.NaN;
        continue;
      }
      const end = k + 1;
      if (end <= t0) {
        out.projectedOnHand[base + k] = level0;
        continue;
      }
      let from = Math.max(k, t0);
      if (!arrived && tDue < end) {
        const at = Math.max(tDue, from);
        level0 = Math.max(level0 - (cumulativeAt(cum, H, tail, at) - cumulativeAt(cum, H, tail, from)), 0) + onOrder;
        arrived = true;
        from = at;
      }
      level0 = Math.max(level0 - (cumulativeAt(cum, H, tail, end) - cumulativeAt(cum, H, tail, from)), 0);
      out.projectedOnHand[base + k] = level0;
    }

    out.demandOverLeadTime[i] = demandLead;
    out.safetyStock[i] = safety;
    out.reorderPoint[i] = reorderPoint;
    out.daysOfSupply[i] = daysOfSupply > settings.capDays ? Number.POSITIVE_INFINITY : daysOfSupply;
    out.stockoutDay[i] = stockoutDay;
    out.targetCover[i] = targetCover;
    out.excessUnits[i] = excessUnits;
    out.excessValue[i] = excessUnits * (input.unitCost[i]! > 0 ? input.unitCost[i]! : 0);
    out.orderQuantity[i] = orderQuantity;
    out.cycleDemand[i] = cycleDemand;
    out.dailyDemand[i] = tail / pd;
    out.status[i] = status;
  }
  return out;
}
