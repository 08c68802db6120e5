import { createHash } from 'node:crypto';
import { currentResults } from '../dashboard/current';
import type { Store } from '../store';
import { runActionsTask } from './pool';
import type { Worksheet } from './worksheet';

export interface WorksheetModel extends Worksheet {
  /** null before the first completed run. */
  runId: string | null;
  asOfDay: number | null;
}

const EMPTY_WORKSHEET: WorksheetModel = { runId: null, asOfDay: null, lines: [], suppliers: [], total: { lines: 0, value: 0 } };

export interface CurrentWorksheet {
  /** The data version, the shown run and the draft's edits (which leave the data version alone): cache key and ETag. */
  version: string;
  /** null before the first completed run. */
  asOfDay: number | null;
  /** The worksheet as JSON text (WorksheetModel), built on the actions worker. */
  json(): Promise<string>;
  /** The CSV or XLSX export, built on the actions worker; null before the first completed run. */
  file(format: 'csv' | 'xlsx'): Promise<string | Uint8Array | null>;
}

/** The worksheet of the current results with the analyst's draft applied. */
export async function currentWorksheet(store: Store): Promise<CurrentWorksheet> {
  const [dataVersion, current, draft] = await Promise.all([store.dataVersion(), currentResults(store), store.worksheet.draft()]);
  const edits = createHash('sha256');
  for (const d of [...draft].sort((a, b) => (a.itemId < b.itemId ? -1 : 1))) edits.update(`${d.itemId}\u0000${d.quantity}\u0000${d.dueDay}\n`);
  const build = (format: 'json' | 'csv' | 'xlsx') =>
    runActionsTask<string | Uint8Array>({
      kind: 'worksheet',
      location: store.location,
      resultSet: current!.resultSet,
      runId: current!.info.runId,
      asOfDay: current!.meta.asOfDay,
      format,
    });
  return {
    version: `worksheet:v${dataVersion}:${current?.info.runId ?? 'none'}:${edits.digest('base64url').slice(0, 16)}`,
    asOfDay: current?.meta.asOfDay ?? null,
    json: async () => (current ? ((await build('json')) as string) : JSON.stringify(EMPTY_WORKSHEET)),
    file: async (format) => (current ? build(format) : null),
  };
}
