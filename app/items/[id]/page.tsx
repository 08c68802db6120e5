import type { Metadata } from 'next';
import { ItemView } from '@/components/item/ItemView';
import { Prefetched } from '@/components/Prefetched';
import { itemDetailQuery } from '@/lib/client/item-detail';
import { itemDetailModel, valueOf } from '@/lib/dashboard/models';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';

/** Item codes may hold characters that arrive percent-encoded; a bare "%" stays as it is. */
function itemCode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: itemCode((await params).id) };
}

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const id = itemCode((await params).id);
  const detail = await valueOf(itemDetailModel(getStore(), id));
  // An unknown item is left to the page, which shows the API's 404 as "no such item".
  return (
    <Prefetched entries={detail ? [[itemDetailQuery(id).queryKey, detail]] : []}>
      <ItemView id={id} />
    </Prefetched>
  );
}
