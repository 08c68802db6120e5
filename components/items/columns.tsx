import Link from 'next/link';
import type { ReactNode } from 'react';
import { ClassTag, StatusBadge } from '@/components/ui/StatusBadge';
import { formatDays, formatDecimal, formatQuantity, formatValue } from '@/lib/dashboard/format';
import { label, type ColumnKey, type CsvColumn, type ItemTable } from '@/lib/dashboard/table-model';

export interface Column {
  key: ColumnKey;
  header: string;
  /** Full meaning, for the header's tooltip. */
  title: string;
  /** Pixels; the name column takes what is left. */
  width?: number;
  align?: 'right' | 'center';
  /** Sorting a number column starts descending (biggest first), labels ascending. */
  firstDir: 'asc' | 'desc';
  cell(table: ItemTable, i: number): ReactNode;
}

const num = (table: ItemTable, key: keyof ItemTable['num'], i: number) => {
  const x = table.num[key][i]!;
  return Number.isNaN(x) ? null : x;
};
const unit = (table: ItemTable, i: number) => <span className="unit">{label(table, 'baseUom', i)}</span>;
const quantity = (table: ItemTable, key: keyof ItemTable['num'], i: number) => (
  <>
    {formatQuantity(num(table, key, i))} {unit(table, i)}
  </>
);

/** No stock record: on hand and days of supply are unknown, not 0 (or endless). */
const unknownStock = (table: ItemTable, i: number) =>
  label(table, 'status', i) === 'no_stock' ? (
    <span className="muted" title="No stock record: import stock to know it">
      unknown
    </span>
  ) : null;

export const COLUMNS: readonly Column[] = [
  {
    key: 'id',
    header: 'Item',
    title: 'Item code',
    width: 112,
    firstDir: 'asc',
    cell: (t, i) => (
      // No prefetch: dozens of rows scroll past; the item page loads when one is opened.
      <Link href={`/items/${encodeURIComponent(t.id[i]!)}`} className="mono row-link" prefetch={false}>
        {t.id[i]}
      </Link>
    ),
  },
  {
    key: 'name',
    header: 'Name',
    title: 'Item name (marked where an analyst overrides the forecast or pinned its model)',
    firstDir: 'asc',
    cell: (t, i) => (
      <span className="truncate-text">
        {label(t, 'forecast', i).startsWith('pinned') && (
          <span className="tag tag-override" title="An analyst pinned the model this item is forecast with">
            pinned
          </span>
        )}
        {label(t, 'forecast', i).endsWith('override') && (
          <span className="tag tag-override" title="An analyst's override changes this item's forecast">
            override
          </span>
        )}
        {t.name[i]}
      </span>
    ),
  },
  { key: 'category', header: 'Category', title: 'Category', width: 120, firstDir: 'asc', cell: (t, i) => label(t, 'category', i) },
  { key: 'status', header: 'Status', title: 'Inventory health status', width: 110, firstDir: 'asc', cell: (t, i) => <StatusBadge status={label(t, 'status', i)} /> },
  {
    key: 'abc',
    header: 'ABC',
    title: 'ABC class by annual value (A: top 80%)',
    width: 52,
    align: 'center',
    firstDir: 'asc',
    cell: (t, i) => <ClassTag kind="abc" value={label(t, 'abc', i)} />,
  },
  {
    key: 'xyz',
    header: 'XYZ',
    title: 'XYZ class by demand variability (X: steady)',
    width: 52,
    align: 'center',
    firstDir: 'asc',
    cell: (t, i) => <ClassTag kind="xyz" value={label(t, 'xyz', i)} />,
  },
  { key: 'onHand', header: 'On hand', title: 'Stock on hand, base unit', width: 94, align: 'right', firstDir: 'desc', cell: (t, i) => unknownStock(t, i) ?? quantity(t, 'onHand', i) },
  {
    key: 'reorderPoint',
    header: 'Reorder pt',
    title: 'Reorder point: demand over the lead time plus safety stock',
    width: 104,
    align: 'right',
    firstDir: 'desc',
    cell: (t, i) => quantity(t, 'reorderPoint', i),
  },
  {
    key: 'daysOfSupply',
    header: 'Supply',
    title: 'Days until the forecast uses up stock on hand',
    width: 82,
    align: 'right',
    firstDir: 'asc',
    cell: (t, i) => unknownStock(t, i) ?? formatDays(num(t, 'daysOfSupply', i), '10+ yrs'),
  },
  {
    key: 'stockoutIn',
    header: 'Stockout in',
    title: 'Days until the projected stockout, counting stock on order',
    width: 106,
    align: 'right',
    firstDir: 'asc',
    cell: (t, i) => (num(t, 'stockoutIn', i) === 0 ? 'now' : formatDays(num(t, 'stockoutIn', i), '—')),
  },
  {
    key: 'orderQuantity',
    header: 'Order qty',
    title: 'Suggested order, rounded up to the case pack; "on order" where stock already ordered covers the need',
    width: 96,
    align: 'right',
    firstDir: 'desc',
    cell: (t, i) => {
      if (num(t, 'orderQuantity', i)) return quantity(t, 'orderQuantity', i);
      // Nothing to order because an order is on its way: say so, or a stockout with "—" looks forgotten.
      const onOrder = num(t, 'onOrder', i);
      if (!onOrder) return <span className="muted">—</span>;
      return (
        <span className="muted" title={`${formatQuantity(onOrder)} ${label(t, 'baseUom', i)} already on order`}>
          on order
        </span>
      );
    },
  },
  {
    key: 'excessValue',
    header: 'Excess value',
    title: 'Value of stock above the target cover, at unit cost',
    width: 108,
    align: 'right',
    firstDir: 'desc',
    cell: (t, i) => (num(t, 'excessValue', i) ? formatValue(num(t, 'excessValue', i)) : <span className="muted">—</span>),
  },
  {
    key: 'error',
    header: 'Error',
    title: "Forecast's backtest error (MASE; RMSSE for intermittent demand), lower is better",
    width: 64,
    align: 'right',
    firstDir: 'asc',
    cell: (t, i) => formatDecimal(num(t, 'error', i)),
  },
  {
    key: 'grade',
    header: 'Grade',
    title: 'Forecast confidence grade, A (best) to D',
    width: 60,
    align: 'center',
    firstDir: 'asc',
    cell: (t, i) => <ClassTag kind="grade" value={label(t, 'grade', i)} />,
  },
];

/** The export has every column the table has, plus a few it has no room for. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { key: 'id', header: 'item_id' },
  { key: 'name', header: 'name' },
  { key: 'category', header: 'category' },
  { key: 'status', header: 'status' },
  { key: 'abc', header: 'abc' },
  { key: 'xyz', header: 'xyz' },
  { key: 'baseUom', header: 'base_uom' },
  { key: 'onHand', header: 'on_hand' },
  { key: 'onOrder', header: 'on_order' },
  { key: 'reorderPoint', header: 'reorder_point' },
  { key: 'daysOfSupply', header: 'days_of_supply' },
  { key: 'stockoutIn', header: 'stockout_in_days' },
  { key: 'orderQuantity', header: 'order_quantity' },
  { key: 'excessValue', header: 'excess_value' },
  { key: 'annualValue', header: 'annual_value' },
  { key: 'model', header: 'model' },
  { key: 'forecast', header: 'forecast' },
  { key: 'error', header: 'error' },
  { key: 'grade', header: 'confidence' },
];
