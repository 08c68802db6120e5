/**
 * The Hyndman–Khandakar stepwise search (Hyndman & Khandakar 2008), as forecast 8.20's auto.arima
 * runs it with its defaults: D by the seasonal-strength test, d by KPSS, then from R's four start
 * models (and the start without constant) a walk over neighbours that change p, q, P or Q by one
 * (or two of them together) and toggle the constant, moving to any that lowers AICc, until none
 * does or 94 models were fitted (stepwise, R bounds each order but not their sum). Series longer
 * than 150 or with seasons longer than 12 are searched by CSS, and only the chosen model (or the
 * next best that fits) is refitted by ML; where the fitter measures at a looser tolerance than R's
 * (the engine's AutoARIMA), that ML fit starts from the search's CSS estimate of the model and stops
 * at that tolerance (README.md, "Speed").
 */
import { StlScratch } from '../../stl';
import type { Order } from './arma';
import { difference, isConstant, ndiffs, nsdiffs } from './differencing';
import { ArimaFitter, MAX_COEFFICIENTS, type ArimaFit } from './fit';

const MAX_P = 5;
const MAX_Q = 5;
const MAX_SP = 2;
const MAX_SQ = 2;
const MAX_MODELS = 94;
const LOG_2PI = Math.log(2 * Math.PI);

/** The chosen model (its order holds the differences taken) and its fit on the differenced series. */
export interface ArimaChoice {
  fit: ArimaFit;
  order: Order;
}

/** Working memory of the search, reused from series to series. */
export class ArimaSearch {
  readonly fitter: ArimaFitter;
  private readonly w: Float64Array;
  private readonly work: Float64Array;
  private readonly stlScratch: StlScratch | null;
  private readonly seasonal: Float64Array;
  private readonly trend: Float64Array;
  // The stepwise table: orders, constant and criterion of every model tried (and, in the
  // approximation, whether it was fitted), and their CSS estimates.
  private readonly table = new Float64Array(MAX_MODELS * 8);
  private readonly estimates = new Float64Array(MAX_MODELS * MAX_COEFFICIENTS);

  constructor(
    readonly maxN: number,
    readonly m: number,
    measureReltol?: number,
  ) {
    this.fitter = new ArimaFitter(maxN, MAX_P + MAX_SP * m + MAX_Q + MAX_SQ * m + 2, measureReltol);
    this.w = new Float64Array(maxN);
    this.work = new Float64Array(maxN);
    this.stlScratch = m > 1 ? new StlScratch(maxN, m) : null;
    this.seasonal = new Float64Array(m > 1 ? maxN : 0);
    this.trend = new Float64Array(m > 1 ? maxN : 0);
  }

  /**
   * auto.arima on y[0..n) with season `m` (1: none); `approximation` is R's default for the raw
   * series (n > 150 or frequency > 12). Null when no model can be fitted (R: "No suitable ARIMA model found").
   */
  search(y: Float64Array, n: number, approximation: boolean): ArimaChoice | null {
    const m = this.m;
    const { w, fitter } = this;
    if (isConstant(y, 0, n)) return this.fixed({ p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, m, constant: true }, y, n);
    const criterion = n <= 3 ? 'aic' : 'aicc';
    let maxp = Math.min(MAX_P, Math.floor(n / 3));
    let maxq = Math.min(MAX_Q, Math.floor(n / 3));
    let maxP = Math.min(MAX_SP, Math.floor(n / 3 / m));
    let maxQ = Math.min(MAX_SQ, Math.floor(n / 3 / m));
    let D = 0;
    if (m === 1) maxP = maxQ = 0;
    else if (n > 2 * m) D = nsdiffs(y, n, m, this.stlScratch!, this.seasonal, this.trend);
    for (let t = 0; t < n; t++) w[t] = y[t];
    let nw = n;
    if (D > 0) nw = difference(w, nw, m);
    let d = ndiffs(w, nw, this.work);
    if (d > 0 && nw - d <= 0) d--;
    for (let i = 0; i < d; i++) nw = difference(w, nw, 1);
    if (nw <= 0) return null;
    const base: Order = { p: 0, d, q: 0, P: 0, D, Q: 0, m, constant: false };
    if (isConstant(w, 0, nw)) {
      // A polynomial trend: the differenced series' mean as drift (or mean), or nothing.
      const constant = (D > 0 && d === 0) || (D === 0 && d < 2);
      return this.fixed({ ...base, constant }, w, nw);
    }
    if (m > 1) {
      if (maxP > 0) maxp = Math.min(maxp, m - 1);
      if (maxQ > 0) maxq = Math.min(maxq, m - 1);
    }
    let offset = 0;
    if (approximation) {
      // −2 log L − n log σ² of ARIMA(0,d,0)(0,D,0), R's correction that puts CSS criteria on the ML scale.
      let mean = 0;
      if (d + D === 0) {
        for (let t = 0; t < nw; t++) mean += w[t];
        mean /= nw;
      }
      let ss = 0;
      for (let t = 0; t < nw; t++) ss += (w[t] - mean) ** 2;
      const s2 = ss / nw;
      offset = nw * Math.log(s2) + nw * (1 + LOG_2PI) - n * Math.log(s2);
    }
    const allowDrift = d + D === 1;
    const allowMean = d + D === 0;
    let constant = allowDrift || allowMean;
    let startp = 2;
    let startq = 2;
    let startP = 1;
    let startQ = 1;
    if (n < 10) {
      startp = 1;
      startq = 1;
      startP = 0;
      startQ = 0;
    }
    let p = Math.min(startp, maxp);
    let q = Math.min(startq, maxq);
    let P = Math.min(startP, maxP);
    let Q = Math.min(startQ, maxQ);
    const table = this.table;
    table.fill(NaN);
    let k = 0;
    let best: ArimaFit | null = null;
    let bestIc = Infinity;
    let fitted = false;
    /** Fits a model, records it, and says whether it beats the best so far (then it is the best). */
    const tryModel = (pp: number, qq: number, PP: number, QQ: number, c: boolean): boolean => {
      const order: Order = { p: pp, d, q: qq, P: PP, D, Q: QQ, m, constant: c };
      const fit = fitter.fit(w, nw, order, approximation, offset, criterion);
      if (fit) fitted = true;
      let ic = fit ? fit.ic : Infinity;
      // R's checkarima on every model; only a model about to become the best can change the walk.
      if (fit && ic < bestIc && !fitter.covarianceOk(w, nw, fit)) ic = Infinity;
      const row = k * 8;
      table[row] = pp;
      table[row + 1] = qq;
      table[row + 2] = PP;
      table[row + 3] = QQ;
      table[row + 4] = c ? 1 : 0;
      table[row + 5] = ic;
      table[row + 6] = fit && approximation ? 1 : 0;
      if (fit && approximation) this.estimates.set(fit.coef, k * MAX_COEFFICIENTS);
      k++;
      if (ic < bestIc) {
        best = fit;
        bestIc = ic;
        return true;
      }
      return false;
    };
    const isNew = (pp: number, qq: number, PP: number, QQ: number, c: boolean): boolean => {
      for (let i = 0; i < k; i++) {
        const row = i * 8;
        if (table[row] === pp && table[row + 1] === qq && table[row + 2] === PP && table[row + 3] === QQ && table[row + 4] === (c ? 1 : 0)) return false;
      }
      return true;
    };
    tryModel(p, q, P, Q, constant);
    if (tryModel(0, 0, 0, 0, constant)) p = q = P = Q = 0;
    if (maxp > 0 || maxP > 0) {
      const np = maxp > 0 ? 1 : 0;
      const nP = m > 1 && maxP > 0 ? 1 : 0;
      if (tryModel(np, 0, nP, 0, constant)) {
        p = np;
        P = nP;
        q = Q = 0;
      }
    }
    if (maxq > 0 || maxQ > 0) {
      const nq = maxq > 0 ? 1 : 0;
      const nQ = m > 1 && maxQ > 0 ? 1 : 0;
      if (tryModel(0, nq, 0, nQ, constant)) {
        p = P = 0;
        q = nq;
        Q = nQ;
      }
    }
    if (constant && tryModel(0, 0, 0, 0, false)) p = q = P = Q = 0;
    // Neighbours in R's order: seasonal moves first, then non-seasonal, then the constant.
    const moves: [number, number, number, number][] = [
      [0, 0, -1, 0],
      [0, 0, 0, -1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, -1, -1],
      [0, 0, -1, 1],
      [0, 0, 1, -1],
      [0, 0, 1, 1],
      [-1, 0, 0, 0],
      [0, -1, 0, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [-1, -1, 0, 0],
      [-1, 1, 0, 0],
      [1, -1, 0, 0],
      [1, 1, 0, 0],
    ];
    let startk = 0;
    search: while (startk < k && k < MAX_MODELS) {
      startk = k;
      let moved = false;
      for (const [dp, dq, dP, dQ] of moves) {
        const np = p + dp;
        const nq = q + dq;
        const nP = P + dP;
        const nQ = Q + dQ;
        if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > maxp || nq > maxq || nP > maxP || nQ > maxQ) continue;
        if (!isNew(np, nq, nP, nQ, constant)) continue;
        if (k >= MAX_MODELS) break search;
        if (tryModel(np, nq, nP, nQ, constant)) {
          p = np;
          q = nq;
          P = nP;
          Q = nQ;
          moved = true;
          break;
        }
      }
      if (moved) continue;
      if ((allowDrift || allowMean) && isNew(p, q, P, Q, !constant)) {
        if (k >= MAX_MODELS) break;
        if (tryModel(p, q, P, Q, !constant)) constant = !constant;
      }
    }
    // R refits whenever some model was fitted at all, even if every criterion was rejected.
    if (approximation && fitted) {
      // Refit by ML in order of the CSS criterion until one is accepted.
      const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => table[a * 8 + 5] - table[b * 8 + 5] || a - b);
      best = null;
      for (const i of order) {
        const row = i * 8;
        const o: Order = { p: table[row], d, q: table[row + 1], P: table[row + 2], D, Q: table[row + 3], m, constant: table[row + 4] === 1 };
        const ranked = table[row + 6] === 1 ? this.estimates.subarray(i * MAX_COEFFICIENTS, (i + 1) * MAX_COEFFICIENTS) : null;
        const fit = fitter.fit(w, nw, o, false, 0, criterion, false, ranked);
        if (fit && fit.ic < Infinity && fitter.covarianceOk(w, nw, fit)) {
          best = fit;
          break;
        }
      }
    }
    if (!best) return null;
    return { fit: best, order: (best as ArimaFit).order };
  }

  /**
   * The coefficients of `order` re-estimated on y[0..n) by maximum likelihood, without searching
   * (the backtest's refit on a prefix); null when that order cannot be fitted there. Roots near
   * the unit circle do not count against it: that test ranks models in the search (R's myarima),
   * and the backtest is to measure the order that forecasts, not another one searched anew.
   */
  refit(y: Float64Array, n: number, order: Order): ArimaChoice | null {
    const { w, fitter } = this;
    for (let t = 0; t < n; t++) w[t] = y[t];
    let nw = n;
    if (order.D > 0) nw = difference(w, nw, this.m);
    for (let i = 0; i < order.d; i++) nw = difference(w, nw, 1);
    if (nw <= 0) return null;
    if (isConstant(w, 0, nw)) return this.fixed(order, w, nw);
    const fit = fitter.fit(w, nw, order, false, 0, n <= 3 ? 'aic' : 'aicc', true);
    return fit && Number.isFinite(fit.aic) && Number.isFinite(fit.sigma2) ? { fit, order } : null;
  }

  /** A model with no free coefficients: the differenced series' mean as mean or drift (or none). */
  private fixed(order: Order, w: Float64Array, nw: number): ArimaChoice {
    let mean = 0;
    if (order.constant) {
      for (let t = 0; t < nw; t++) mean += w[t];
      mean /= nw;
    }
    let ss = 0;
    for (let t = 0; t < nw; t++) ss += (w[t] - mean) ** 2;
    const coef = order.constant ? Float64Array.of(mean) : new Float64Array(0);
    const fit: ArimaFit = { order, coef, sigma2: ss / Math.max(1, nw), aic: NaN, aicc: NaN, ic: NaN, css: false, raw: new Float64Array(0) };
    return { fit, order };
  }
}
