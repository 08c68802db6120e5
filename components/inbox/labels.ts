import type { ExceptionKind } from '@/lib/actions/exceptions';

export const KIND_LABELS: Record<ExceptionKind, string> = {
  stockout: 'Stockout',
  at_risk: 'At risk',
  excess: 'Excess',
  no_demand: 'No demand, in stock',
  overdue_order: 'Order overdue',
  forecast_break: 'Forecast broke from sales',
};
