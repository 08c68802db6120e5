import type { Metadata } from 'next';
import { DataView } from '@/components/data/DataView';

export const metadata: Metadata = { title: 'Data' };

/** Upload data files, see their row-level problems, the store's contents and the imported files. */
export default function DataPage() {
  return <DataView />;
}
