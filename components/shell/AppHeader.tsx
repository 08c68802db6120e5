'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRunProgress } from '@/lib/client/progress/use-progress';
import { RefreshControl } from './RefreshControl';
import { RunBanner } from './RunBanner';
import { ThemeToggle } from './ThemeToggle';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/worksheet', label: 'Worksheet' },
  { href: '/items', label: 'Items' },
  { href: '/runs', label: 'Runs' },
  { href: '/data', label: 'Data' },
];

export function AppHeader() {
  const pathname = usePathname() ?? '/';
  // How this tab gets progress (leader, follower, polling): visible to tests and support.
  const { transport } = useRunProgress();
  const current = (href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <header className="app-header" data-progress-transport={transport}>
      <div className="app-header-bar">
        <Link href="/" className="brand" aria-label="Stockcast overview">
          <svg viewBox="0 0 28 28" width="26" height="26" aria-hidden="true">
            <rect width="28" height="28" rx="7" className="brand-mark" />
            <path d="M6 19l5-5 4 3 7-8" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>Stockcast</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} aria-current={current(n.href) ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="header-actions">
          <RefreshControl />
          <ThemeToggle />
        </div>
      </div>
      <RunBanner />
    </header>
  );
}
