import type { ResultMeta, Store } from '../store';
import type { ResultsInfo } from './types';

/** The results the dashboard shows: the latest completed run whose result set is still stored. */
export interface CurrentResults {
  resultSet: number;
  meta: ResultMeta;
  info: ResultsInfo;
}

export async function currentResults(store: Store): Promise<CurrentResults | null> {
  const run = await store.reads.currentRun();
  if (!run) return null;
  const { meta } = run;
  return {
    resultSet: run.resultSet,
    meta,
    info: {
      runId: run.runId,
      startedAt: new Date(run.startedAt).toISOString(),
      finishedAt: new Date(run.endedAt).toISOString(),
      origin: run.origin,
      dataVersion: run.dataVersion,
      period: meta.period,
      horizon: meta.horizon,
      asOfDay: meta.asOfDay,
      items: meta.itemsTotal,
    },
  };
}
