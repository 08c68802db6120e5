import type { Store } from '../store';
import { currentResults } from './current';
import type { DictColumn, ItemTableJson } from './types';
import { forecastSource } from './table-model';

/**
 * Rounds to what a table shows (and what sorting needs): whole units from 100 up, one decimal
 * below, two below 1; keeps 10,000 rows of numbers short in JSON. Non-finite → null.
 */
export function tableNumber(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x);
  if (a >= 1) return Math.round(x * 10) / 10;
  return Math.round(x * 100) / 100;
}

/** Builds a dictionary column row by row. */
export class DictBuilder {
  private readonly index = new Map<string, number>();
  readonly column: DictColumn = { values: [], codes: [] };

  push(value: string): void {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.column.values.length;
      this.index.set(value, code);
      this.column.values.push(value);
    }
    this.column.codes.push(code);
  }
}

/** Every item of the current results as columns (see ItemTableJson), in item-code order. */
export async function readItemTable(store: Store): Promise<ItemTableJson> {
  const version = await store.dataVersion();
  const current = await currentResults(store);
  const dict = () => new DictBuilder();
  const category = dict();
  const baseUom = dict();
  const status = dict();
  const abc = dict();
  const xyz = dict();
  const grade = dict();
  const model = dict();
  const forecast = dict();
  const table: ItemTableJson = {
    results: current?.info ?? null,
    dataVersion: version,
    catalogueItems: (await store.countItems()),
    count: 0,
    id: [],
    name: [],
    category: category.column,
    status: status.column,
    abc: abc.column,
    xyz: xyz.column,
    grade: grade.column,
    model: model.column,
    forecast: forecast.column,
    baseUom: baseUom.column,
    onHand: [],
    onOrder: [],
    reorderPoint: [],
    daysOfSupply: [],
    stockoutIn: [],
    orderQuantity: [],
    excessValue: [],
    annualValue: [],
    error: [],
  };
  if (!current) return table;
  const asOf = current.meta.asOfDay;
  const rows = await store.reads.itemTable(current.resultSet);
  for (const r of rows) {
    table.id.push(r[0]);
    table.name.push(r[1]);
    category.push(r[2]);
    baseUom.push(r[3]);
    status.push(r[4]);
    abc.push(r[5]);
    xyz.push(r[6]);
    grade.push(r[7]);
    model.push(r[8]);
    table.onHand.push(tableNumber(r[9])!);
    table.onOrder.push(tableNumber(r[10])!);
    table.reorderPoint.push(tableNumber(r[11])!);
    table.daysOfSupply.push(tableNumber(r[12]));
    table.stockoutIn.push(r[13] === null ? null : r[13] - asOf);
    table.orderQuantity.push(tableNumber(r[14])!);
    table.excessValue.push(Math.round(r[15]));
    table.annualValue.push(Math.round(r[16]));
    table.error.push(r[17] === null ? null : Math.round(r[17] * 100) / 100);
    forecast.push(forecastSource(r[18] === 1, r[19] === 1));
  }
  table.count = table.id.length;
  return table;
}
