'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NoResults } from '@/components/shell/NoResults';
import { PageHeader } from '@/components/shell/PageHeader';
import { ResultsLine } from '@/components/shell/ResultsLine';
import { ErrorState, Skeleton } from '@/components/ui/states';
import { useItemTable } from '@/lib/client/item-table';
import { formatCount, isoDay } from '@/lib/dashboard/format';
import { parseView, selectRows, toCsv, viewToSearch, type ColumnKey, type TableView } from '@/lib/dashboard/table-model';
import { COLUMNS, CSV_COLUMNS } from './columns';
import { ItemFilters } from './ItemFilters';
import { ItemsTable } from './ItemsTable';

export function ItemsView() {
  const query = useItemTable();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const urlView = useMemo(() => parseView(new URLSearchParams(params?.toString() ?? '')), [params]);
  // The view is applied at once and written to the URL behind it: quick successive changes (two
  // filter clicks) build on each other instead of on a URL that has not caught up yet.
  const [view, setView] = useState(urlView);
  const latest = useRef({ view: urlView, search: viewToSearch(urlView) });
  useEffect(() => {
    // The URL changed by itself (back/forward, a link): follow it.
    const search = viewToSearch(urlView);
    if (search === latest.current.search) return;
    latest.current = { view: urlView, search };
    setView(urlView);
  }, [urlView]);
  const update = useCallback(
    (next: Partial<TableView>) => {
      const view = { ...latest.current.view, ...next };
      latest.current = { view, search: viewToSearch(view) };
      setView(view);
      router.replace(`${pathname}${latest.current.search}`, { scroll: false });
    },
    [router, pathname],
  );
  const table = query.data?.table;
  const rows = useMemo(() => (table ? selectRows(table, view) : new Int32Array(0)), [table, view]);

  if (query.isPending) return <ItemsSkeleton />;
  if (query.isError) return <ErrorState title="Could not load the items" error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data.results || !table) {
    return (
      <>
        <PageHeader title="Items" />
        <NoResults catalogueItems={data.catalogueItems} />
      </>
    );
  }
  const sort = (key: ColumnKey) => {
    const column = COLUMNS.find((c) => c.key === key)!;
    update({ sort: key, dir: view.sort === key ? (view.dir === 'asc' ? 'desc' : 'asc') : column.firstDir });
  };
  const exportCsv = () => {
    const blob = new Blob([toCsv(table, rows, CSV_COLUMNS)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `stockcast-items-${isoDay(data.results!.asOfDay)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="items-page" data-ready="items">
      <PageHeader
        title="Items"
        subtitle={<ResultsLine results={data.results} dataVersion={data.dataVersion} />}
        actions={
          <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
              <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Export CSV
          </button>
        }
      />
      <ItemFilters table={table} view={view} onChange={update} />
      <p className="table-count" aria-live="polite">
        {rows.length === table.count
          ? `${formatCount(table.count)} items`
          : `${formatCount(rows.length)} of ${formatCount(table.count)} items`}
      </p>
      {rows.length === 0 ? (
        <div className="state state-empty">
          <h2>No items match</h2>
          <p>Try fewer filters or another search.</p>
        </div>
      ) : (
        <ItemsTable table={table} rows={rows} view={view} onSort={sort} />
      )}
    </div>
  );
}

function ItemsSkeleton() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading items…</span>
      <div className="page-header">
        <div>
          <Skeleton height={30} width={140} />
          <Skeleton height={14} width={420} />
        </div>
      </div>
      <Skeleton height={38} />
      <div className="skeleton-rows">
        {Array.from({ length: 12 }, (_, i) => (
          <Skeleton key={i} height={28} />
        ))}
      </div>
    </div>
  );
}
