import type { Metadata } from 'next';
import { DataView } from '@/components/data/DataView';
import { Prefetched } from '@/components/Prefetched';
import { dataSummaryQuery } from '@/lib/client/data-summary';
import { overviewQuery } from '@/lib/client/overview';
import { dataSummaryModel, overviewModel, valueOf } from '@/lib/dashboard/models';
import { getStore } from '@/lib/store';

export const metadata: Metadata = { title: 'Data' };
export const dynamic = 'force-dynamic';

/** Upload data files, see their row-level problems, the store's contents and the imported files. */
export default async function DataPage() {
  const store = getStore();
  return (
    <Prefetched
      entries={[
        [dataSummaryQuery().queryKey, await valueOf(dataSummaryModel(store))],
        [overviewQuery().queryKey, await valueOf(overviewModel(store))],
      ]}
    >
      <DataView />
    </Prefetched>
  );
}
