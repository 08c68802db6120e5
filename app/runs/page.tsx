import type { Metadata } from 'next';
import { Prefetched } from '@/components/Prefetched';
import { RunsView } from '@/components/runs/RunsView';
import { RUNS_SHOWN, runsQuery } from '@/lib/client/runs';
import { getService } from '@/lib/service';

export const metadata: Metadata = { title: 'Runs' };
export const dynamic = 'force-dynamic';

export default async function RunsPage() {
  const runs = await getService().recentRuns(RUNS_SHOWN);
  return (
    <Prefetched entries={[[runsQuery(RUNS_SHOWN).queryKey, runs]]}>
      <RunsView />
    </Prefetched>
  );
}
