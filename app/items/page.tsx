import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ItemsView } from '@/components/items/ItemsView';

export const metadata: Metadata = { title: 'Items' };

export default function ItemsPage() {
  // The view lives in the URL (useSearchParams), which static rendering can only read in Suspense.
  return (
    <Suspense>
      <ItemsView />
    </Suspense>
  );
}
