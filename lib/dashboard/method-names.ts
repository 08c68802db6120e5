import { TRIM_FROM } from '../forecast/engine/combination';
import { formatCount } from './format';

/** Readable names of the engine's methods. */
const METHODS: Record<string, string> = {
  naive: 'Naive',
  snaive: 'Seasonal naive',
  auto_ets: 'Exponential smoothing (ETS)',
  auto_arima: 'ARIMA',
  auto_theta: 'Optimised Theta',
  theta: 'Theta',
  ma: 'Moving average',
  croston: 'Croston',
  sba: 'Croston SBA',
  tsb: 'TSB',
  adida: 'ADIDA',
  imapa: 'IMAPA',
  none: 'No forecast',
};
/** Short names of the automatic methods, inside a combination's name or a sentence. */
const SHORT: Record<string, string> = { auto_ets: 'ETS', auto_arima: 'ARIMA', auto_theta: 'optimised Theta', theta: 'Theta' };

/** A model label (lib/forecast MODEL_NAMES, or `combo(a+b+…)`) in words. */
export function modelName(code: string): string {
  if (code.startsWith('combo(')) {
    const members = code.slice(6, -1).split('+');
    return `${members.length >= TRIM_FROM ? 'Trimmed mean' : 'Mean'} of ${listed(members.map(shortName))}`;
  }
  return METHODS[code] ?? code;
}

/** An automatic method's short name (ETS, ARIMA, …); other labels as modelName gives them. */
export function shortName(code: string): string {
  return SHORT[code] ?? modelName(code);
}

/** "a", "a and b", "a, b and c". */
export function listed(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What a run's member pool decided (lib/forecast MemberPool), as the run's summary stores it. */
export interface PoolDecision {
  members: readonly string[];
  /** Items the held-back test scored. */
  series: number;
  /** Absent in runs stored before promotions were tested. */
  cleanPromotions?: boolean;
  promotionRatio?: number;
  promotionSeries?: number;
}

/**
 * What a run forecast regular demand by, in words: one method alone where its held-back test found
 * that method clearly ahead of the combination across the catalogue (the item pages give the
 * figures), the combination otherwise.
 */
export function regularDemandBy(pool: PoolDecision): string {
  const by =
    pool.members.length === 1
      ? `Regular demand by ${shortName(pool.members[0]!)} alone, clearly ahead of the combination on ${formatCount(pool.series)} items held back`
      : `Regular demand by the combination of ${listed(pool.members.map(shortName))}`;
  return pool.cleanPromotions ? `${by}; ${promotionsSetAside(pool)}` : by;
}

/**
 * Why promotion-like weeks were set aside before fitting: the held-back error fell, in words
 * (lib/forecast/engine/pool.ts decides it).
 */
function promotionsSetAside(pool: PoolDecision): string {
  const ratio = pool.promotionRatio ?? NaN;
  const gain = Number.isFinite(ratio) ? `, ${Math.round(100 * (1 - ratio))}% less error` : '';
  return `promotion-like spikes set aside before fitting (held back on ${formatCount(pool.promotionSeries ?? 0)} items with them${gain})`;
}
