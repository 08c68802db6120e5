import type { Metadata } from 'next';
import { InboxView } from '@/components/inbox/InboxView';

export const metadata: Metadata = { title: 'Inbox' };
export const dynamic = 'force-dynamic';

export default function InboxPage() {
  return <InboxView />;
}
