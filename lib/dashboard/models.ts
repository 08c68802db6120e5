import { accuracyReport } from '../accuracy/report';
import type { Store } from '../store';
import { readDataSummary, readSalesSummary } from './data-summary';
import { readItemDetail } from './item-detail';
import { readItemTable } from './item-table';
import { readOverview } from './overview';
import { versionedValue } from './respond';
import { readModelVersion } from './version';

/**
 * Each read model with the version it is cached under, for the JSON routes (versionedJson) and
 * for server rendering (versionedValue), so both share one cached copy.
 */
export interface Model<T> {
  version: string;
  build(): Promise<T>;
}

type Built<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export const overviewModel = async (store: Store): Promise<Model<Built<typeof readOverview>>> => ({
  version: await readModelVersion(store, 'overview'),
  build: () => readOverview(store),
});

export const itemTableModel = async (store: Store): Promise<Model<Built<typeof readItemTable>>> => ({
  version: await readModelVersion(store, 'items'),
  build: () => readItemTable(store),
});

export const itemDetailModel = async (store: Store, itemId: string): Promise<Model<Built<typeof readItemDetail>>> => ({
  version: `${await readModelVersion(store, 'item')}:${itemId}`,
  build: () => readItemDetail(store, itemId),
});

export const dataSummaryModel = async (store: Store): Promise<Model<Built<typeof readDataSummary>>> => ({
  version: `data:v${await store.dataVersion()}`,
  build: () => readDataSummary(store),
});

export const salesSummaryModel = async (store: Store): Promise<Model<Built<typeof readSalesSummary>>> => ({
  version: `sales:v${await store.dataVersion()}`,
  build: () => readSalesSummary(store),
});

/** Accuracy across runs depends on the shown run's history and the snapshots, which change only with a run. */
export const accuracyModel = async (store: Store, itemId?: string): Promise<Model<Built<typeof accuracyReport>>> => ({
  version: `${await readModelVersion(store, 'accuracy')}:${itemId ?? ''}`,
  build: () => accuracyReport(store, itemId),
});

export const valueOf = async <T>(model: Promise<Model<T>>): Promise<T> => {
  const { version, build } = await model;
  return versionedValue(version, build);
};
