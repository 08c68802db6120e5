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
  build(): T;
}

export const overviewModel = (store: Store): Model<ReturnType<typeof readOverview>> => ({
  version: readModelVersion(store, 'overview'),
  build: () => readOverview(store),
});

export const itemTableModel = (store: Store): Model<ReturnType<typeof readItemTable>> => ({
  version: readModelVersion(store, 'items'),
  build: () => readItemTable(store),
});

export const itemDetailModel = (store: Store, itemId: string): Model<ReturnType<typeof readItemDetail>> => ({
  version: `${readModelVersion(store, 'item')}:${itemId}`,
  build: () => readItemDetail(store, itemId),
});

export const dataSummaryModel = (store: Store): Model<ReturnType<typeof readDataSummary>> => ({
  version: `data:v${store.dataVersion()}`,
  build: () => readDataSummary(store),
});

export const salesSummaryModel = (store: Store): Model<ReturnType<typeof readSalesSummary>> => ({
  version: `sales:v${store.dataVersion()}`,
  build: () => readSalesSummary(store),
});

export const valueOf = <T>(model: Model<T>): T => versionedValue(model.version, model.build);
