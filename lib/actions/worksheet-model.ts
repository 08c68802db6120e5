import { currentResults } from '../dashboard/current';
import { DEFAULT_HEALTH_SETTINGS } from '../inventory/health';
import type { Store } from '../store';
import { buildWorksheet, type Worksheet } from './worksheet';

export interface WorksheetModel extends Worksheet {
  /** null before the first completed run. */
  runId: string | null;
  asOfDay: number | null;
}

/** The worksheet of the current results with the analyst's draft applied. */
export async function worksheetModel(store: Store): Promise<WorksheetModel> {
  const current = await currentResults(store);
  if (!current) return { runId: null, asOfDay: null, lines: [], suppliers: [], total: { lines: 0, value: 0 } };
  const [candidates, draft] = await Promise.all([store.worksheet.candidates(current.resultSet), store.worksheet.draft()]);
  const sheet = buildWorksheet(candidates, draft, current.meta.asOfDay, DEFAULT_HEALTH_SETTINGS.orderCycleDays);
  return { runId: current.info.runId, asOfDay: current.meta.asOfDay, ...sheet };
}
