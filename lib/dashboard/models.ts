import type { Db } from '../store';
import { dataVersion } from '../store';
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

export const overviewModel = (db: Db): Model<ReturnType<typeof readOverview>> => ({
  version: readModelVersion(db, 'overview'),
  build: () => readOverview(db),
});

export const itemTableModel = (db: Db): Model<ReturnType<typeof readItemTable>> => ({
  version: readModelVersion(db, 'items'),
  build: () => readItemTable(db),
});

export const itemDetailModel = (db: Db, itemId: string): Model<ReturnType<typeof readItemDetail>> => ({
  version: `${readModelVersion(db, 'item')}:${itemId}`,
  build: () => readItemDetail(db, itemId),
});

export const dataSummaryModel = (db: Db): Model<ReturnType<typeof readDataSummary>> => ({
  version: `data:v${dataVersion(db)}`,
  build: () => readDataSummary(db),
});

export const salesSummaryModel = (db: Db): Model<ReturnType<typeof readSalesSummary>> => ({
  version: `sales:v${dataVersion(db)}`,
  build: () => readSalesSummary(db),
});

export const valueOf = <T>(model: Model<T>): T => versionedValue(model.version, model.build);
