import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ItemsView } from '@/components/items/ItemsView';
import { earlyFetchScript } from '@/lib/client/early-fetch';
import { ITEM_TABLE_URL } from '@/lib/client/item-table';
import { scriptNonce } from '@/lib/http/script-nonce';

export const metadata: Metadata = { title: 'Items' };

export default async function ItemsPage() {
  const nonce = await scriptNonce();
  return (
    <>
      {/* 10,000 rows are too many to render into the HTML: their download starts with the page. */}
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyFetchScript(ITEM_TABLE_URL) }} suppressHydrationWarning />
      {/* The view lives in the URL (useSearchParams), which static rendering can only read in Suspense. */}
      <Suspense>
        <ItemsView />
      </Suspense>
    </>
  );
}
