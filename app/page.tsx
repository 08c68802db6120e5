import { OverviewView } from '@/components/overview/OverviewView';
import { Prefetched } from '@/components/Prefetched';
import { overviewQuery } from '@/lib/client/overview';
import { overviewModel, valueOf } from '@/lib/dashboard/models';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  const overview = await valueOf(overviewModel(getStore()));
  return (
    <Prefetched entries={[[overviewQuery().queryKey, overview]]}>
      <OverviewView />
    </Prefetched>
  );
}
