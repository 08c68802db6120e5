/** Syntetos & Boylan (2005): Croston's forecast × (1 − α/2), which removes its upward bias. */
import type { ForecastMethod } from '../forecaster';
import { crostonFamily } from './croston';

export const sba: ForecastMethod = crostonFamily('sba', 'SBA', true);
