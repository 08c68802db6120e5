import type { Metadata } from 'next';
import { Suspense } from 'react';
import { preload } from 'react-dom';
import { ItemsView } from '@/components/items/ItemsView';
import { ITEM_TABLE_URL } from '@/lib/client/item-table';
import { gzipUrl } from '@/lib/client/http';

export const metadata: Metadata = { title: 'Items' };

export default function ItemsPage() {
  // 10,000 rows are too many to render into the HTML; the table's data starts downloading with
  // the page instead of after its scripts ran.
  preload(gzipUrl(ITEM_TABLE_URL), { as: 'fetch', crossOrigin: 'anonymous' });
  // The view lives in the URL (useSearchParams), which static rendering can only read in Suspense.
  return (
    <Suspense>
      <ItemsView />
    </Suspense>
  );
}
