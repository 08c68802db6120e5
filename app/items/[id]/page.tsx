import type { Metadata } from 'next';
import { ItemView } from '@/components/item/ItemView';

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
  return <ItemView id={itemCode((await params).id)} />;
}
