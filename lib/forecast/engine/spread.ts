import { select } from '../order';

/** Share of the history skipped before in-sample errors count toward intervals (filters settle). */
export const WARMUP = 0.25;
/** Fewest errors at a step for its spread to be measured; sparser steps carry the last one forward. */
const MIN_ERRORS = 3;
/**
 * Trend risk: the k-step spread also allows for the history's least-squares slope b being wrong
 * by TREND_RISK × |b| per step, fully correlated across steps (error (k − 1)·TREND_RISK·|b| at
 * step k). In-sample and backtest errors cannot show a trend that breaks after the history ends
 * (lib/forecast/README.md, "Intervals").
 */
const TREND_RISK = 1.5;
/**
 * Fewest out-of-sample sums at a step for them to set a floor under its cumulative spread:
 * in-sample forecasts come from parameters fitted to the periods they forecast, so their errors
 * drift apart from step to step less than real ones, and the spread of their sums is too small
 * (most of all for combinations); the backtest's sums show the real drift, on few origins.
 */
const MIN_BACKTEST_SUMS = 5;
/** Parameters a method fits: errors measured on the data they were fitted to understate the spread by √(n / (n − p)). */
const FITTED_PARAMS = 5;
/**
 * Fewest sums at a step for their upper quantile at the reference level to be read off directly
 * (the third largest of 40 at 95%): demand with a heavy upper tail (promotion weeks) exceeds a
 * bound of z × its root mean square more often than the level allows.
 */
const MIN_QUANTILE_SUMS = 40;
/**
 * The default service level and its normal quantile: `cumulativeSigma` is read as σ in `z × σ` by
 * the inventory (lib/inventory/health.ts), so a skewed or heavy-tailed spread is expressed as the
 * σ that gives the right bound at this level.
 */
const REFERENCE_LEVEL = 0.95;
const REFERENCE_Z = 1.6448536269514722;

/**
 * The spread of a forecast's errors per step k (`sigma`) and of the errors of the sum of steps
 * 1..k (`cumSigma`), measured on the chosen forecast's own errors:
 * 1. root mean square of the k-step errors and of the summed errors, from in-sample origins past
 *    the warm-up and from the out-of-sample backtest origins, the summed errors' at least that of
 *    the backtest's alone past step 1 (MIN_BACKTEST_SUMS), and where the sums are many enough
 *    (MIN_QUANTILE_SUMS) at least their measured upper quantile at the reference level over its
 *    normal quantile, so that the bound at that level holds a heavy upper tail; steps with fewer than MIN_ERRORS
 *    errors (histories short for their horizon) continue the growth measured up to the last step
 *    that had them, as a local level's errors grow (extrapolatedGrowth: from none to a random
 *    walk's), their sums too;
 * 2. plus the trend risk (TREND_RISK) of the (seasonally adjusted) history;
 * 3. kept consistent: sigma never falls with k, and cumSigma(k) lies between cumSigma(k − 1) and
 *    cumSigma(k − 1) + sigma(k) (the spread of a sum is at most the sum of the spreads);
 * 4. scaled by √(n / (n − FITTED_PARAMS)) for the parameters fitted on the same data.
 */
export class Spread {
  readonly sigma: Float64Array;
  readonly cumSigma: Float64Array;
  private readonly inSs: Float64Array;
  private readonly inCs: Float64Array;
  private readonly inCount: Int32Array;
  private readonly outSs: Float64Array;
  private readonly outCs: Float64Array;
  private readonly outCount: Int32Array;
  /** The summed errors per step, step k's inCount[k] + outCount[k] from k × capacity (backtest first). */
  private sums = new Float64Array(0);
  private capacity = 0;

  /**
   * `logRatios`: y and G are strictly positive and errors are measured as log ratios: log(y / G)
   * per step, and for a sum the log ratio of the summed actuals to the summed forecasts, kept as
   * k × that (the sum of k log errors it stands for, so the rules below read both alike). Summing
   * the steps' log errors instead would take the geometric mean of the ratios for the sum's, and
   * a spike (a promotion week at three times the forecast) raises the arithmetic sum by far more
   * than the geometric mean says.
   */
  constructor(
    private readonly h: number,
    private readonly logRatios = false,
  ) {
    this.sigma = new Float64Array(h);
    this.cumSigma = new Float64Array(h);
    this.inSs = new Float64Array(h);
    this.inCs = new Float64Array(h);
    this.inCount = new Int32Array(h);
    this.outSs = new Float64Array(h);
    this.outCs = new Float64Array(h);
    this.outCount = new Int32Array(h);
  }

  /** Room for the sums of a history of n periods (at most n − 1 in-sample origins and n backtest ones). */
  private reserve(n: number): void {
    if (this.capacity >= 2 * n) return;
    this.capacity = 2 * n;
    this.sums = new Float64Array(this.h * this.capacity);
  }

  /** Starts a series: records the out-of-sample errors of the forecasts `G` made from the backtest origins ≥ tFrom (none with tFrom 0). */
  backtest(G: Float64Array, n: number, y: Float64Array, tFrom: number): void {
    this.outSs.fill(0);
    this.outCs.fill(0);
    this.outCount.fill(0);
    this.inCount.fill(0);
    this.reserve(n);
    if (tFrom > 0) this.accumulate(G, n, y, tFrom, this.outSs, this.outCs, this.outCount);
  }

  /** Measures sigma and cumSigma from the in-sample forecasts `G` (every origin) and the backtest recorded for this series (same n); `x` carries the trend. */
  measure(G: Float64Array, n: number, y: Float64Array, x: Float64Array): void {
    const { h, sigma, cumSigma, inSs, inCs, inCount, outSs, outCs, outCount } = this;
    inSs.fill(0);
    inCs.fill(0);
    inCount.fill(0);
    this.accumulate(G, n, y, Math.max(1, Math.floor(n * WARMUP)), inSs, inCs, inCount);
    const drift = TREND_RISK * Math.abs(leastSquaresSlope(x, n));
    // Before the trend risk: the one-step variance, the largest k-step variance and the sum's
    // spread so far, and the steps measured (counts only fall with k); steps past the measured
    // ones continue the measured growth.
    let firstVar = 0;
    let rawVar = 0;
    let rawCum = 0;
    let measured = 0;
    let growth = 0;
    for (let k = 0; k < h; k++) {
      const count = inCount[k] + outCount[k];
      if (count >= MIN_ERRORS || (k === 0 && count > 0)) {
        sigma[k] = Math.sqrt((inSs[k] + outSs[k]) / count);
        cumSigma[k] = Math.sqrt((inCs[k] + outCs[k]) / count);
        if (count >= MIN_QUANTILE_SUMS) cumSigma[k] = this.upperSum(k, count, REFERENCE_Z * cumSigma[k]) / REFERENCE_Z;
        if (k > 0 && outCount[k] >= MIN_BACKTEST_SUMS) cumSigma[k] = Math.max(cumSigma[k], Math.sqrt(outCs[k] / outCount[k]));
        if (k === 0) firstVar = sigma[0] * sigma[0];
        rawVar = Math.max(sigma[k] * sigma[k], rawVar);
        rawCum = cumSigma[k];
        measured = k + 1;
      } else if (k > 0) {
        if (measured === k) growth = extrapolatedGrowth(firstVar, rawVar, measured);
        // A local level's k-step error variance grows by α²σ² per step and its sum's by
        // (1 + α(j − 1))²σ² at step j = k + 1 (Hyndman et al. 2008, ch. 6); α² = growth / σ², a
        // random walk at most.
        const alpha = firstVar > 0 ? Math.sqrt(growth / firstVar) : 1;
        rawVar += growth;
        const step = 1 + alpha * k;
        rawCum = Math.sqrt(rawCum * rawCum + step * step * firstVar);
        sigma[k] = Math.sqrt(rawVar);
        cumSigma[k] = rawCum;
      } else {
        // Nothing to measure at all (one observation): assume a 50% coefficient of variation.
        sigma[0] = Math.abs(y[n - 1]) * 0.5;
        cumSigma[0] = sigma[0];
        firstVar = rawVar = sigma[0] * sigma[0];
        rawCum = sigma[0];
        measured = 1;
      }
      if (k > 0) {
        const trend = drift * k;
        const cumTrend = (drift * k * (k + 1)) / 2;
        sigma[k] = Math.max(Math.sqrt(sigma[k] * sigma[k] + trend * trend), sigma[k - 1]);
        const cum = Math.sqrt(cumSigma[k] * cumSigma[k] + cumTrend * cumTrend);
        cumSigma[k] = Math.min(Math.max(cum, cumSigma[k - 1]), cumSigma[k - 1] + sigma[k]);
      }
    }
    const small = Math.sqrt(n / Math.max(1, n - FITTED_PARAMS));
    for (let k = 0; k < h; k++) {
      sigma[k] *= small;
      cumSigma[k] *= small;
    }
  }

  /**
   * The larger of `bound` and the summed errors' quantile at the reference level at step k. Only
   * the sums above the bound can hold that quantile when it is larger, and they are few: they
   * are moved to the front of the step's sums (which are not read again) and ranked there.
   */
  private upperSum(k: number, count: number, bound: number): number {
    const { sums } = this;
    const from = k * this.capacity;
    let above = 0;
    for (let j = from; j < from + count; j++) if (sums[j] > bound) sums[from + above++] = sums[j];
    const rank = Math.ceil(REFERENCE_LEVEL * count) - 1 - (count - above);
    return rank < 0 ? bound : select(sums.subarray(from, from + above), above, rank);
  }

  /**
   * Adds, per step k, the squared k-step errors and squared errors of sums 1..k from origins ≥
   * tFrom (with `logRatios`, log ratios as the constructor says), and keeps each sum.
   */
  private accumulate(G: Float64Array, n: number, y: Float64Array, tFrom: number, ss: Float64Array, cs: Float64Array, cnt: Int32Array): void {
    const { h, logRatios, sums, capacity, inCount, outCount } = this;
    for (let t = tFrom; t < n; t++) {
      const row = (t - 1) * h;
      const steps = Math.min(h, n - t);
      let cum = 0;
      let actual = 0;
      let forecast = 0;
      for (let k = 0; k < steps; k++) {
        let e: number;
        if (logRatios) {
          e = Math.log(y[t + k] / G[row + k]);
          actual += y[t + k];
          forecast += G[row + k];
          cum = (k + 1) * Math.log(actual / forecast);
        } else {
          e = y[t + k] - G[row + k];
          cum += e;
        }
        ss[k] += e * e;
        cs[k] += cum * cum;
        sums[k * capacity + inCount[k] + outCount[k]] = cum;
        cnt[k]++;
      }
    }
  }
}

/**
 * The spread, in units, of the error of a sum of k forecasts whose errors are proportional to
 * their level: the log errors summed over steps 1..k have spread `logCumSigma`, so the sum's log
 * ratio has spread ≈ logCumSigma / k (exact for fully correlated steps, and for independent ones
 * while the spread is small), and its upper bound at the reference level, pointSum ×
 * exp(z × that), is returned as the σ that gives the same bound: such demand can rise further
 * above its forecast than fall below, as its per-step bands already show.
 */
export function proportionalSumSpread(pointSum: number, logCumSigma: number, k: number): number {
  return (pointSum * Math.expm1((REFERENCE_Z * logCumSigma) / k)) / REFERENCE_Z;
}

/**
 * The growth of the k-step error variance per step past the measured steps: the measured growth
 * from step 1 to the last measured step, between none (errors that do not grow with the horizon)
 * and a random walk's (σ² per step). A random walk's where only step 1 was measured.
 */
function extrapolatedGrowth(firstVar: number, lastVar: number, measured: number): number {
  if (measured < 2) return firstVar;
  return Math.min(firstVar, Math.max(0, (lastVar - firstVar) / (measured - 1)));
}

/** Least-squares slope of x[0..n) against t (0 for fewer than two points). */
export function leastSquaresSlope(x: Float64Array, n: number): number {
  if (n < 2) return 0;
  const tMean = (n - 1) / 2;
  let xMean = 0;
  for (let t = 0; t < n; t++) xMean += x[t];
  xMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (x[t] - xMean);
    sxx += (t - tMean) * (t - tMean);
  }
  return sxy / sxx;
}

/**
 * Prediction bounds for intermittent demand, where a share of every future period is exactly
 * zero: a central interval [q((1 − c)/2), q((1 + c)/2)] would hold the whole point mass at zero
 * and so cover far more than c (central 80% bands covered 0.94 of carparts' held-out months). The
 * interval with content c that starts at zero is [0, q(c)]: the upper bound is the forecast plus
 * the c-quantile of the forecast's errors, measured on every in-sample origin past the warm-up and
 * every backtest origin, all steps pooled (a level forecast's errors differ little by step here).
 */
export class ZeroBoundedBands {
  private errors = new Float64Array(0);
  private count = 0;

  /** Forgets the errors collected for the previous series; room for `capacity` errors. */
  reset(capacity: number): void {
    if (this.errors.length < capacity) this.errors = new Float64Array(capacity);
    this.count = 0;
  }

  /** Adds the errors on y[0..n) of the forecasts F made from origins `from`..n − 1 (F as the engine lays it out, h per origin). */
  add(F: Float64Array, h: number, n: number, y: Float64Array, from: number): void {
    for (let t = Math.max(1, from); t < n; t++) {
      const row = (t - 1) * h;
      const steps = Math.min(h, n - t);
      for (let k = 0; k < steps; k++) this.errors[this.count++] = y[t + k] - F[row + k];
    }
  }

  /** Adds the in-sample errors of F past the warm-up. */
  addInSample(F: Float64Array, h: number, n: number, y: Float64Array): void {
    this.add(F, h, n, y, Math.floor(n * WARMUP));
  }

  /** The `share`-quantile of the collected errors (NaN when none). */
  quantile(share: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil(share * this.count) - 1));
    return select(this.errors, this.count, rank);
  }
}
