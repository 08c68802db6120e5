'use client';
import { useEffect, useState } from 'react';
import { STATUS_LABEL, STATUS_ORDER } from '@/lib/dashboard/labels';
import type { ItemTable, TableView } from '@/lib/dashboard/table-model';
import { formatCount } from '@/lib/dashboard/format';

type ListKey = 'status' | 'abc' | 'xyz' | 'category';

/** Search, status/class toggles and category choice; every change goes to the URL. */
export function ItemFilters({ table, view, onChange }: { table: ItemTable; view: TableView; onChange: (next: Partial<TableView>) => void }) {
  const [q, setQ] = useState(view.q);
  // Typing updates the URL (and the rows) after a short pause; back/forward updates the box.
  useEffect(() => setQ(view.q), [view.q]);
  useEffect(() => {
    if (q === view.q) return;
    const timer = setTimeout(() => onChange({ q }), 150);
    return () => clearTimeout(timer);
  }, [q, view.q, onChange]);

  const toggle = (key: ListKey, value: string) => {
    const list = view[key];
    onChange({ [key]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] });
  };
  const statusCounts = countBy(table, 'status');
  const categories = [...table.dict.category.values].sort((a, b) => a.localeCompare(b));
  const filtered = view.q || view.status.length || view.abc.length || view.xyz.length || view.category.length;
  return (
    <div className="filters" role="search">
      <div className="filter-search">
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m16 16 4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          type="search"
          aria-label="Search items"
          placeholder="Code or name"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="chip-group" role="group" aria-label="Status">
        {STATUS_ORDER.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip chip-status status-${s}`}
            aria-pressed={view.status.includes(s)}
            onClick={() => toggle('status', s)}
          >
            <span className="dot" aria-hidden="true" />
            {STATUS_LABEL[s]}
            <span className="chip-count">{formatCount(statusCounts.get(s) ?? 0)}</span>
          </button>
        ))}
      </div>
      <div className="chip-group" role="group" aria-label="ABC class">
        <span className="chip-group-label" aria-hidden="true">
          ABC
        </span>
        {['A', 'B', 'C'].map((c) => (
          <button key={c} type="button" className="chip chip-small" aria-pressed={view.abc.includes(c)} onClick={() => toggle('abc', c)} aria-label={`ABC class ${c}`}>
            {c}
          </button>
        ))}
      </div>
      <div className="chip-group" role="group" aria-label="XYZ class">
        <span className="chip-group-label" aria-hidden="true">
          XYZ
        </span>
        {['X', 'Y', 'Z'].map((c) => (
          <button key={c} type="button" className="chip chip-small" aria-pressed={view.xyz.includes(c)} onClick={() => toggle('xyz', c)} aria-label={`XYZ class ${c}`}>
            {c}
          </button>
        ))}
      </div>
      <select
        aria-label="Category"
        className="select"
        value={view.category.length === 1 ? view.category[0] : ''}
        onChange={(e) => onChange({ category: e.target.value ? [e.target.value] : [] })}
      >
        <option value="">All categories</option>
        {categories.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {filtered ? (
        <button
          type="button"
          className="link-button"
          aria-label="Clear filters"
          onClick={() => onChange({ q: '', status: [], abc: [], xyz: [], category: [] })}
        >
          Clear
        </button>
      ) : null}
    </div>
  );
}

function countBy(table: ItemTable, key: 'status'): Map<string, number> {
  const { values, codes } = table.dict[key];
  const counts = new Array<number>(values.length).fill(0);
  for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
  return new Map(values.map((v, code) => [v, counts[code]!]));
}
