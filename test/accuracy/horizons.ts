/**
 * Interval honesty by horizon step, on sets with held-out tails: the per-step 80/95% intervals
 * and the lead-time bound that safety stock rests on, `Σ point 1..k + z(service level) ×
 * cumulativeSigma(k)` (lib/inventory/health.ts), which should cover the held-out demand summed
 * over the first k steps in about a share `service level` of the series.
 */
import type { BatchForecast } from '../../lib/forecast';
import { normalQuantile } from '../../lib/inventory/normal';
import type { BenchmarkSet } from './sets';

export interface StepCoverage {
  /** Per step k = 1..h (index k − 1): share of held-out points inside the interval. */
  coverage80: Float64Array;
  coverage95: Float64Array;
}

export function stepCoverage(set: BenchmarkSet, result: BatchForecast, series?: (i: number) => boolean): StepCoverage {
  const h = set.settings.horizon;
  const i80 = result.levels.indexOf(80);
  const i95 = result.levels.indexOf(95);
  const in80 = new Float64Array(h);
  const in95 = new Float64Array(h);
  let count = 0;
  for (let i = 0; i < result.count; i++) {
    if (series && !series(i)) continue;
    count++;
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      const y = set.actual[at];
      if (y >= result.lower[i80][at] && y <= result.upper[i80][at]) in80[k]++;
      if (y >= result.lower[i95][at] && y <= result.upper[i95][at]) in95[k]++;
    }
  }
  return { coverage80: in80.map((v) => v / count), coverage95: in95.map((v) => v / count) };
}

/** Mean of per-step coverages over steps from..to (1-based, inclusive). */
export function meanOver(coverage: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k <= to; k++) sum += coverage[k - 1];
  return sum / (to - from + 1);
}

/**
 * Share of series whose held-out demand summed over steps 1..k stays at or under
 * Σ point 1..k + z(level) × cumulativeSigma(k): the service a safety stock sized so would give.
 */
export function leadTimeCoverage(set: BenchmarkSet, result: BatchForecast, k: number, level: number, series?: (i: number) => boolean): number {
  const h = set.settings.horizon;
  const z = normalQuantile(level);
  let covered = 0;
  let count = 0;
  for (let i = 0; i < result.count; i++) {
    if (series && !series(i)) continue;
    let demand = 0;
    let forecast = 0;
    for (let j = 0; j < k; j++) {
      demand += set.actual[i * h + j];
      forecast += Math.max(0, result.point[i * h + j]);
    }
    count++;
    if (demand <= forecast + z * result.cumulativeSigma[i * h + k - 1] + 1e-9) covered++;
  }
  return covered / count;
}

/** Median over series of cumulativeSigma(k) / cumulativeSigma(1) (series with σ(1) > 0). */
export function medianSigmaRatio(result: BatchForecast, k: number): number {
  const h = result.horizon;
  const ratios: number[] = [];
  for (let i = 0; i < result.count; i++) {
    const s1 = result.cumulativeSigma[i * h];
    if (s1 > 0) ratios.push(result.cumulativeSigma[i * h + k - 1] / s1);
  }
  ratios.sort((a, b) => a - b);
  return ratios.length ? ratios[ratios.length >> 1] : NaN;
}
