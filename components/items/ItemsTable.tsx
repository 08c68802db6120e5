'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { useRef, type MouseEvent } from 'react';
import type { ColumnKey, ItemTable, TableView } from '@/lib/dashboard/table-model';
import { COLUMNS } from './columns';

const ROW_HEIGHT = 40;

/**
 * The item table, virtualized: only the rows in view (plus a margin) are in the DOM, between two
 * spacer rows that keep the scroll height, so 10,000+ rows scroll smoothly. It stays a real
 * <table> (fixed layout, so columns do not jump as rows change) with aria-rowcount/rowindex.
 */
export function ItemsTable({
  table,
  rows,
  view,
  onSort,
}: {
  table: ItemTable;
  rows: Int32Array;
  view: TableView;
  onSort: (key: ColumnKey) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0]!.start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const openRow = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((event.target as HTMLElement).closest('a, button') || window.getSelection()?.toString()) return;
    router.push(`/items/${encodeURIComponent(id)}`);
  };
  return (
    // Focusable so the keyboard can scroll it (arrows, Page Up/Down) like the page itself.
    <div className="table-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Items, scrollable">
      <table className="data-table items-table" aria-label="Items" aria-rowcount={rows.length + 1}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const sorted = view.sort === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.align ? `align-${c.align}` : undefined}
                  aria-sort={sorted ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(c.key)} title={c.title}>
                    {c.header}
                    <span className={`sort-arrow${sorted ? ' active' : ''}`} aria-hidden="true">
                      {sorted ? (view.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr aria-hidden="true" className="spacer" style={{ height: top }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
          {items.map((v) => {
            const i = rows[v.index]!;
            return (
              <tr key={i} aria-rowindex={v.index + 2} onClick={(e) => openRow(e, table.id[i]!)} style={{ height: ROW_HEIGHT }}>
                {COLUMNS.map((c) => (
                  <td key={c.key} className={c.align ? `align-${c.align}` : undefined}>
                    {c.cell(table, i)}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="spacer" style={{ height: bottom }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
