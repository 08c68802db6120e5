/**
 * The ETS recursions in their error-correction form written with the observation (identical for
 * additive and multiplicative errors, Hyndman et al. 2008 §2.5), and the Gaussian likelihood
 * criterion R's `ets` minimizes: n·log(Σe²) + 2·Σlog|ŷ| (the last term for multiplicative error
 * only, where e is the relative error).
 *
 * Seasonal states live in a circular buffer in time order: `season[t % m]` is the index that
 * applies to observation t, and is replaced by its update once y[t] is seen.
 */
import { ADDITIVE, MULTIPLICATIVE, NONE, type EtsForm } from './form';

/** R's guards: a state this close to 0 is a failed fit, a quotient by it this large. */
const TOL = 1e-10;
const HUGE = 1e10;

/** A fitted or trial ETS model: form, smoothing parameters and initial states. */
export interface EtsModel {
  form: EtsForm;
  /** Season length in the state (1 for non-seasonal forms). */
  m: number;
  alpha: number;
  beta: number;
  gamma: number;
  /** 1 for undamped forms. */
  phi: number;
  level: number;
  slope: number;
  /** Initial seasonal indices in time order (first m observations), length ≥ m. */
  season: Float64Array;
}

/** State after some observations: level, slope and the seasonal ring (`season[t % m]` is next due). */
export interface EtsState {
  level: number;
  slope: number;
  season: Float64Array;
  /** Observations seen. */
  t: number;
}

export function newModel(form: EtsForm, m: number, maxSeason: number): EtsModel {
  return { form, m, alpha: 0, beta: 0, gamma: 0, phi: 1, level: 0, slope: 0, season: new Float64Array(Math.max(1, maxSeason)) };
}

export function copyModel(from: EtsModel, to: EtsModel): void {
  to.form = from.form;
  to.m = from.m;
  to.alpha = from.alpha;
  to.beta = from.beta;
  to.gamma = from.gamma;
  to.phi = from.phi;
  to.level = from.level;
  to.slope = from.slope;
  to.season.set(from.season.subarray(0, from.m));
}

export function startState(model: EtsModel, state: EtsState): void {
  state.level = model.level;
  state.slope = model.form.trend === NONE ? 0 : model.slope;
  for (let j = 0; j < model.m; j++) state.season[j] = model.season[j];
  state.t = 0;
}

/** Sum of squared (relative, for M error) one-step errors of the last `criterion` run. */
export const lastFit = { sse: 0 };

/**
 * R's likelihood criterion of `model` on y[0..n); Infinity where the recursions fail (a forecast
 * at 0 under multiplicative error, non-finite values). `ring` is scratch of length ≥ m. One loop
 * per season type keeps the hot path free of branches the form decides.
 */
export function criterion(model: EtsModel, y: Float64Array, n: number, ring: Float64Array): number {
  const season = model.form.season;
  if (season === NONE) return criterionPlain(model, y, n);
  for (let j = 0; j < model.m; j++) ring[j] = model.season[j];
  return season === ADDITIVE ? criterionAdditive(model, y, n, ring) : criterionMultiplicative(model, y, n, ring);
}

/** n·log(Σe²) + 2·Σlog|ŷ| (the last with multiplicative error), clamped as R's target function. */
function finish(n: number, sse: number, logProduct: number, multError: boolean): number {
  lastFit.sse = sse;
  let lik = n * Math.log(sse);
  if (multError) lik += 2 * logProduct;
  if (Number.isNaN(lik)) return Infinity;
  return lik < -1e10 ? -1e10 : lik;
}

// Σlog|ŷ| is kept as the log of a running product, renormalized before it leaves the float range:
// one logarithm per few hundred steps instead of one per step, taken outside the inner loop (a call
// inside it, however rare, costs the loop its registers).
const RANGE = 1e100;

/*
 * The loops below write the updates as linear combinations of the previous level and slope and the
 * observation's "input" u (y, y − s or y/s): ℓ' = (1−α)ℓ + (1−α)φb + αu, b' = −βℓ + (1−β)φb + βu,
 * algebraically R's ℓ' = q + α(u − q), b' = φb + (β/α)(ℓ' − ℓ − φb) with q = ℓ + φb, but with a
 * third of the dependent operations per step: the recursion's latency, not its arithmetic, bounds
 * the speed.
 */

function criterionPlain(model: EtsModel, y: Float64Array, n: number): number {
  const { alpha, form } = model;
  const multError = form.error === MULTIPLICATIVE;
  const beta = form.trend !== NONE ? model.beta : 0;
  const phi = form.damped ? model.phi : 1;
  const ll = 1 - alpha;
  const lb = (1 - alpha) * phi;
  const bb = (1 - beta) * phi;
  let level = model.level;
  let slope = form.trend !== NONE ? model.slope : 0;
  let sse = 0;
  let logSum = 0;
  let product = 1;
  for (let t = 0; t < n; ) {
    for (; t < n; t++) {
      const obs = y[t];
      const f = level + phi * slope;
      if (multError) {
        const size = f < 0 ? -f : f;
        if (size < TOL) return Infinity;
        const e = (obs - f) / f;
        sse += e * e;
        product *= size;
      } else {
        const e = obs - f;
        sse += e * e;
      }
      const next = ll * level + lb * slope + alpha * obs;
      slope = bb * slope - beta * level + beta * obs;
      level = next;
      if (product > RANGE || product < 1 / RANGE) {
        t++;
        break;
      }
    }
    // Out of the inner loop, so that its rare logarithm keeps the hot loop free of calls.
    logSum += Math.log(product);
    product = 1;
  }
  return finish(n, sse, logSum + Math.log(product), multError);
}

function criterionAdditive(model: EtsModel, y: Float64Array, n: number, ring: Float64Array): number {
  const { alpha, gamma, m, form } = model;
  const multError = form.error === MULTIPLICATIVE;
  const beta = form.trend !== NONE ? model.beta : 0;
  const phi = form.damped ? model.phi : 1;
  const ll = 1 - alpha;
  const lb = (1 - alpha) * phi;
  const bb = (1 - beta) * phi;
  let level = model.level;
  let slope = form.trend !== NONE ? model.slope : 0;
  let sse = 0;
  let logSum = 0;
  let product = 1;
  let j = 0;
  for (let t = 0; t < n; ) {
    for (; t < n; t++) {
      const obs = y[t];
      const q = level + phi * slope;
      const s = ring[j];
      const f = q + s;
      if (multError) {
        const size = f < 0 ? -f : f;
        if (size < TOL) return Infinity;
        const e = (obs - f) / f;
        sse += e * e;
        product *= size;
      } else {
        const e = obs - f;
        sse += e * e;
      }
      const u = obs - s;
      const next = ll * level + lb * slope + alpha * u;
      slope = bb * slope - beta * level + beta * u;
      ring[j] = s + gamma * (obs - q - s);
      level = next;
      if (++j === m) j = 0;
      if (product > RANGE || product < 1 / RANGE) {
        t++;
        break;
      }
    }
    // Out of the inner loop, so that its rare logarithm keeps the hot loop free of calls.
    logSum += Math.log(product);
    product = 1;
  }
  return finish(n, sse, logSum + Math.log(product), multError);
}

/** Multiplicative season (always with multiplicative error under R's restrictions). */
function criterionMultiplicative(model: EtsModel, y: Float64Array, n: number, ring: Float64Array): number {
  const { alpha, gamma, m, form } = model;
  const multError = form.error === MULTIPLICATIVE;
  const beta = form.trend !== NONE ? model.beta : 0;
  const phi = form.damped ? model.phi : 1;
  const ll = 1 - alpha;
  const lb = (1 - alpha) * phi;
  const bb = (1 - beta) * phi;
  let level = model.level;
  let slope = form.trend !== NONE ? model.slope : 0;
  let sse = 0;
  let logSum = 0;
  let product = 1;
  let j = 0;
  for (let t = 0; t < n; ) {
    for (; t < n; t++) {
      const obs = y[t];
      const q = level + phi * slope;
      const s = ring[j];
      const f = q * s;
      if (multError) {
        const size = f < 0 ? -f : f;
        if (size < TOL) return Infinity;
        const e = (obs - f) / f;
        sse += e * e;
        product *= size;
      } else {
        const e = obs - f;
        sse += e * e;
      }
      const u = Math.abs(s) < TOL ? HUGE : obs / s;
      const next = ll * level + lb * slope + alpha * u;
      slope = bb * slope - beta * level + beta * u;
      ring[j] = s + gamma * ((Math.abs(q) < TOL ? HUGE : obs / q) - s);
      level = next;
      if (++j === m) j = 0;
      if (product > RANGE || product < 1 / RANGE) {
        t++;
        break;
      }
    }
    // Out of the inner loop, so that its rare logarithm keeps the hot loop free of calls.
    logSum += Math.log(product);
    product = 1;
  }
  return finish(n, sse, logSum + Math.log(product), multError);
}

/**
 * Advances `state` by observation `obs` with `model`'s parameters. Off the fitted path (a longer
 * history than the fit saw) a multiplicative state can leave its domain; an update that would make
 * a state non-finite is skipped, so forecasts stay finite.
 */
export function step(model: EtsModel, state: EtsState, obs: number): void {
  const { alpha, gamma, m, form } = model;
  const phi = form.damped ? model.phi : 1;
  const j = state.t % m;
  const level = state.level;
  const damped = phi * state.slope;
  const q = level + damped;
  const s = state.season[j];
  let p = obs;
  if (form.season === ADDITIVE) p = obs - s;
  else if (form.season === MULTIPLICATIVE) p = Math.abs(s) < TOL ? HUGE : obs / s;
  const next = q + alpha * (p - q);
  if (Number.isFinite(next)) state.level = next;
  if (form.trend !== NONE) {
    const slope = damped + (model.beta / alpha) * (next - level - damped);
    if (Number.isFinite(slope)) state.slope = slope;
  }
  if (form.season !== NONE) {
    const target = form.season === ADDITIVE ? obs - q : Math.abs(q) < TOL ? HUGE : obs / q;
    const seasonal = s + gamma * (target - s);
    if (Number.isFinite(seasonal)) state.season[j] = seasonal;
  }
  state.t++;
}

/** Point forecasts of the state (R's `etsforecast`) for steps 1..h into out[at..at+h). */
export function pointForecasts(model: EtsModel, state: EtsState, h: number, out: Float64Array, at: number): void {
  const { m, form } = model;
  const phi = form.damped ? model.phi : 1;
  let phiSum = 0;
  let power = 1;
  for (let k = 1; k <= h; k++) {
    power *= phi;
    phiSum += power;
    let f = state.level + phiSum * state.slope;
    if (form.season === ADDITIVE) f += state.season[(state.t + k - 1) % m];
    else if (form.season === MULTIPLICATIVE) f *= state.season[(state.t + k - 1) % m];
    out[at + k - 1] = f;
  }
}
