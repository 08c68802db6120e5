/** The intermittent-demand methods behind the `ForecastMethod` interface. */
export { adida } from './adida';
export { croston } from './croston';
export { imapa } from './imapa';
export { sba } from './sba';
export { tsb } from './tsb';
