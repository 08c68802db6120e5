import client from 'prom-client';
import { processSingleton } from '../runtime/singleton';

/**
 * The process's one Prometheus registry. Metrics are created through `metric()` so that a module
 * evaluated twice (Next.js bundles) finds the existing metric instead of registering a duplicate.
 */
export const registry: client.Registry = processSingleton('metricsRegistry', () => {
  const r = new client.Registry();
  client.collectDefaultMetrics({ register: r, prefix: 'stockcast_process_' });
  return r;
});

export function metric<M extends client.Metric>(name: string, create: (registers: client.Registry[]) => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create([registry]);
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
  return metric(name, (registers) => new client.Counter<L>({ name, help, labelNames, registers }));
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
  return metric(name, (registers) => new client.Gauge<L>({ name, help, labelNames, registers }));
}

export function histogram<L extends string>(
  name: string,
  help: string,
  buckets: number[],
  labelNames: readonly L[] = [],
) {
  return metric(name, (registers) => new client.Histogram<L>({ name, help, buckets, labelNames, registers }));
}
