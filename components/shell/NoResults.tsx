'use client';
import Link from 'next/link';
import { useRefresh } from '@/lib/client/refresh';
import { useRunProgress } from '@/lib/client/progress/use-progress';
import { EmptyState } from '@/components/ui/states';
import { LoadDemoButton } from './LoadDemoButton';

/**
 * What a page shows before there is anything to show: no data at all (load the demo data set, or
 * upload), or data without results yet (compute them).
 */
export function NoResults({ catalogueItems }: { catalogueItems: number }) {
  const refresh = useRefresh();
  const { active } = useRunProgress();
  if (catalogueItems === 0) {
    return (
      <EmptyState
        title="No data yet"
        actions={
          <>
            <LoadDemoButton />
            <Link className="button" href="/data">
              Upload data
            </Link>
          </>
        }
      >
        <p>
          Stockcast forecasts demand and checks inventory health from four files: items, units of measure, sales and
          stock on hand. Upload yours, or load the demo data set (made-up items, sales and stock) to look around.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title={active ? 'Computing the first results…' : 'No results yet'}
      actions={
        active ? null : (
          <button type="button" className="button button-primary" onClick={() => refresh.mutate({})}>
            Compute forecasts
          </button>
        )
      }
    >
      <p>
        {catalogueItems.toLocaleString('en-US')} items are loaded.{' '}
        {active ? 'The progress above shows how far the run is.' : 'Run the pipeline to forecast them and check their inventory health.'}
      </p>
    </EmptyState>
  );
}
