'use client';
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/client/http';

/** Grey blocks in the shape of what is loading; hidden from assistive tech, which gets the label. */
export function Skeleton({ height = 16, width = '100%', className = '' }: { height?: number | string; width?: number | string; className?: string }) {
  return <span className={`skeleton ${className}`} style={{ height, width }} aria-hidden="true" />;
}

export function LoadingBlock({ label, height = 240 }: { label: string; height?: number }) {
  return (
    <div className="loading-block" role="status" aria-live="polite" style={{ minHeight: height }}>
      <span className="visually-hidden">{label}</span>
      <Skeleton height={14} width="38%" />
      <Skeleton height={height - 60} />
    </div>
  );
}

export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <h2>{title}</h2>
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="state state-empty">
      <svg viewBox="0 0 48 48" width="44" height="44" aria-hidden="true" className="state-icon">
        <rect x="6" y="14" width="36" height="26" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M6 20h36M18 8h12l4 6H14z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      </svg>
      <h2>{title}</h2>
      {children ? <div className="state-body">{children}</div> : null}
      {actions ? <div className="state-actions">{actions}</div> : null}
    </div>
  );
}
