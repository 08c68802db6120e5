import type { Metadata } from 'next';
import { WorksheetView } from '@/components/worksheet/WorksheetView';

export const metadata: Metadata = { title: 'Purchase worksheet' };
export const dynamic = 'force-dynamic';

export default function WorksheetPage() {
  return <WorksheetView />;
}
