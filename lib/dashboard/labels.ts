import type { ItemStatus } from './types';

/**
 * Health statuses in order of urgency, with the words the page uses; the two with nothing to judge
 * (no demand, no stock record) last.
 */
export const STATUS_ORDER: readonly ItemStatus[] = ['stockout', 'at_risk', 'healthy', 'excess', 'no_demand', 'no_stock'];

export const STATUS_LABEL: Readonly<Record<ItemStatus, string>> = {
  stockout: 'Stockout',
  at_risk: 'At risk',
  healthy: 'Healthy',
  excess: 'Excess',
  no_demand: 'No demand',
  no_stock: 'No stock record',
};

export const STATUS_HINT: Readonly<Record<ItemStatus, string>> = {
  stockout: 'Nothing on hand while demand continues',
  at_risk: 'Stock position at or below the reorder point, or a stockout due within the lead time',
  healthy: 'Covered through the lead time without too much stock',
  excess: 'Stock beyond the reorder point plus 13 weeks of demand',
  no_demand: 'No sales for 13 weeks and none expected',
  no_stock: 'No stock position recorded: import one to judge its health',
};

/**
 * Progress is labelled by the pipeline's own stage word (what the command line prints too), with
 * a line saying what the stage does.
 */
export const STAGE_HINT: Readonly<Record<string, string>> = {
  queued: 'waiting for its turn',
  load: 'reading sales',
  convert: 'converting units',
  bucket: 'bucketing into periods',
  tournament: 'forecast tournament',
  confidence: 'prediction intervals',
  inventory: 'inventory health',
  persist: 'saving results',
};

export const stageLabel = (stage: string): string => (stage ? stage[0]!.toUpperCase() + stage.slice(1) : 'Starting');

export const statusLabel = (status: string): string => STATUS_LABEL[status as ItemStatus] ?? status;

/** The engine's confidence grades (lib/forecast/engine.ts), in words. */
export const GRADE_HINT: Readonly<Record<string, string>> = {
  A: 'Backtest error at most 80% of naive and under one naive step',
  B: 'Backtest error at most 90% of naive',
  C: 'About as good as naive',
  D: 'Worse than naive, or too little history for a backtest',
};
