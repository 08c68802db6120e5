import { formatCount, formatDay, formatDays, formatPercent, formatQuantity } from '@/lib/dashboard/format';
import type { ItemFacts } from '@/lib/dashboard/types';

/** Catalogue facts: lead time, service level, pack and order rules, units of measure, last stock record. */
export function ItemFactsPanel({ item }: { item: ItemFacts }) {
  return (
    <dl className="facts">
      <div>
        <dt>Category</dt>
        <dd>{item.category || '—'}</dd>
      </div>
      <div>
        <dt>Lead time</dt>
        <dd>{formatDays(item.leadTimeDays)}</dd>
      </div>
      <div>
        <dt>Service level</dt>
        <dd>{item.serviceLevel === null ? '95% (default)' : formatPercent(item.serviceLevel, 1)}</dd>
      </div>
      <div>
        <dt>Unit cost</dt>
        <dd>
          {item.unitCost.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per {item.baseUom}
        </dd>
      </div>
      <div>
        <dt>Case pack</dt>
        <dd>{item.casePack ? formatQuantity(item.casePack, item.baseUom) : '—'}</dd>
      </div>
      <div>
        <dt>Minimum order</dt>
        <dd>{item.moq ? formatQuantity(item.moq, item.baseUom) : '—'}</dd>
      </div>
      <div>
        <dt>Units of measure</dt>
        <dd>
          <ul className="uom-list">
            <li>
              <strong>{item.baseUom}</strong> <span className="muted">base unit</span>
            </li>
            {item.uoms.map((u) => (
              <li key={u.uom}>
                <strong>{u.uom}</strong> = {formatCount(u.factor)} {item.baseUom}
                {u.scope === 'all' ? <span className="muted"> (all items)</span> : null}
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div>
        <dt>Last stock record</dt>
        <dd>
          {item.stock ? (
            <>
              {formatQuantity(item.stock.onHand, item.stock.uom)} on hand
              {item.stock.onOrder > 0 ? `, ${formatQuantity(item.stock.onOrder, item.stock.uom)} on order` : ''}
              <span className="muted">
                {' '}
                as of {formatDay(item.stock.asOfDay)}
                {item.stock.onOrder > 0 && item.stock.onOrderDueDay !== null ? `, due ${formatDay(item.stock.onOrderDueDay)}` : ''}
              </span>
            </>
          ) : (
            'none'
          )}
        </dd>
      </div>
    </dl>
  );
}
