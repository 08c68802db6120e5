'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { WorksheetLine } from '@/lib/actions/worksheet';
import { useSaveLine } from '@/lib/client/worksheet';
import { formatQuantity, formatValue, isoDay } from '@/lib/dashboard/format';

const ROW_HEIGHT = 44;
const COLUMNS = 6;

/** The arithmetic of a line, in words: need over lead time + cycle − position → MOQ → case pack. */
export function arithmetic(l: WorksheetLine): string {
  const q = (x: number) => formatQuantity(Math.round(x * 10) / 10);
  const steps = [`${q(l.demandOverLeadTime)} + ${q(l.safetyStock)} safety + ${q(l.cycleDemand)} cycle − ${q(l.position)} position = ${q(l.need)}`];
  if (l.moq > 0) steps.push(`MOQ ${q(l.moq)} → ${q(l.afterMoq)}`);
  if (l.casePack > 1) steps.push(`packs of ${q(l.casePack)} → ${q(l.suggested)}`);
  return steps.join(' → ');
}

/**
 * Worksheet lines, virtualized like the items table (only the rows in view are in the DOM), with
 * the quantity and delivery date editable in place; a change is saved to the draft on blur.
 */
export function WorksheetTable({ lines }: { lines: readonly WorksheetLine[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const save = useSaveLine();
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0]!.start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const commit = (l: WorksheetLine, quantity: number, dueDate: string) => {
    if (quantity === l.quantity && dueDate === isoDay(l.dueDay)) return;
    if (!(quantity >= 0) || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return;
    save.mutate({ itemId: l.itemId, quantity, dueDate });
  };
  return (
    <div className="table-scroll worksheet-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Worksheet lines, scrollable">
      <table className="data-table worksheet-table" aria-label="Worksheet lines" aria-rowcount={lines.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Supplier</th>
            <th scope="col">Item</th>
            <th scope="col">Arithmetic</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col">Delivery</th>
            <th scope="col" className="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr aria-hidden="true" className="spacer" style={{ height: top }}>
              <td colSpan={COLUMNS} />
            </tr>
          ) : null}
          {items.map((v) => {
            const l = lines[v.index]!;
            const due = isoDay(l.dueDay);
            // One line per row (the full arithmetic in the title): rows keep the virtualizer's fixed height.
            const steps = arithmetic(l);
            return (
              <tr key={l.itemId} aria-rowindex={v.index + 2} data-item={l.itemId} data-edited={l.edited || undefined} style={{ height: ROW_HEIGHT }}>
                <td>{l.supplier}</td>
                <td>
                  {l.itemId}
                  <div className="small muted">{l.name}</div>
                </td>
                <td className="small worksheet-arithmetic" title={steps}>
                  {steps}
                </td>
                <td className="num">
                  <input
                    key={`${l.itemId}:${l.quantity}`}
                    type="number"
                    min={0}
                    step="any"
                    defaultValue={l.quantity}
                    aria-label={`Quantity of ${l.itemId}`}
                    className="worksheet-quantity"
                    onBlur={(e) => commit(l, e.currentTarget.valueAsNumber, due)}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                  />{' '}
                  <span className="small muted">{l.baseUom}</span>
                </td>
                <td>
                  <input
                    key={`${l.itemId}:${due}`}
                    type="date"
                    defaultValue={due}
                    aria-label={`Delivery date of ${l.itemId}`}
                    onBlur={(e) => commit(l, l.quantity, e.currentTarget.value)}
                  />
                </td>
                <td className="num">{formatValue(l.value)}</td>
              </tr>
            );
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="spacer" style={{ height: bottom }}>
              <td colSpan={COLUMNS} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
