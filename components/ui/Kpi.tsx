import Link from 'next/link';
import type { ReactNode } from 'react';

export function Kpi({
  label,
  value,
  detail,
  tone = 'neutral',
  href,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'neutral' | 'danger' | 'warning' | 'good' | 'info';
  href?: string;
}) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      {detail ? <span className="kpi-detail">{detail}</span> : null}
    </>
  );
  return href ? (
    <Link className={`kpi kpi-${tone} kpi-link`} href={href}>
      {body}
    </Link>
  ) : (
    <div className={`kpi kpi-${tone}`}>{body}</div>
  );
}
