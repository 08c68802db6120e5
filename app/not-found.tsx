import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/states';

export const metadata: Metadata = { title: 'No such page' };

/** Any address that is not a page: said in the app's own frame, with the way back. */
export default function NotFound() {
  return (
    <EmptyState
      title="No such page"
      actions={
        <>
          <Link className="button" href="/">
            Overview
          </Link>
          <Link className="button button-ghost" href="/items">
            Items
          </Link>
        </>
      }
    >
      <p>This address is not a page of Stockcast. An item has its page under Items.</p>
    </EmptyState>
  );
}
