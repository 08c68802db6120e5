import type { Db } from '../store';
import type { ResultMeta } from '../store/results';
import type { ResultsInfo } from './types';

/** The results the dashboard shows: the latest completed run whose result set is still stored. */
export interface CurrentResults {
  resultSet: number;
  meta: ResultMeta;
  info: ResultsInfo;
}

interface Row {
  id: string;
  origin: 'server' | 'cli';
  started_at: number;
  ended_at: number;
  data_version: number;
  result_set: number;
  meta: string;
}

export function currentResults(db: Db): CurrentResults | null {
  const row = db
    .prepare(
      `SELECT r.id, r.origin, r.started_at, r.ended_at, r.data_version, r.result_set, s.meta
         FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
        WHERE r.status = 'completed' ORDER BY r.ended_at DESC, r.id DESC LIMIT 1`,
    )
    .get() as Row | undefined;
  if (!row) return null;
  const meta = JSON.parse(row.meta) as ResultMeta;
  return {
    resultSet: row.result_set,
    meta,
    info: {
      runId: row.id,
      startedAt: new Date(row.started_at).toISOString(),
      finishedAt: new Date(row.ended_at).toISOString(),
      origin: row.origin,
      dataVersion: row.data_version,
      period: meta.period,
      horizon: meta.horizon,
      asOfDay: meta.asOfDay,
      items: meta.itemsTotal,
    },
  };
}
