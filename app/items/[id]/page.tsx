import type { Metadata } from 'next';
import { ItemView } from '@/components/item/ItemView';
import { Prefetched } from '@/components/Prefetched';
import { itemDetailQuery } from '@/lib/client/item-detail';
import { itemDetailModel, valueOf } from '@/lib/dashboard/models';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await params).id };
}

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  // Next.js hands the segment over decoded: decoding it again read the item "C%25D" as "C%D".
  const id = (await params).id;
  const detail = await valueOf(itemDetailModel(getStore(), id));
  // An unknown item is left to the page, which shows the API's 404 as "no such item".
  return (
    <Prefetched entries={detail ? [[itemDetailQuery(id).queryKey, detail]] : []}>
      <ItemView id={id} />
    </Prefetched>
  );
}
