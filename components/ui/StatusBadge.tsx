import { STATUS_HINT, statusLabel } from '@/lib/dashboard/labels';
import type { ItemStatus } from '@/lib/dashboard/types';

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge status-${status}`} title={STATUS_HINT[status as ItemStatus]}>
      <span className="dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}

/** A class letter (ABC, XYZ, confidence grade) in a small tag. */
export function ClassTag({ value, kind, title }: { value: string; kind: 'abc' | 'xyz' | 'grade'; title?: string }) {
  return (
    <span className={`tag tag-${kind} tag-${kind}-${value}`} title={title}>
      {value}
    </span>
  );
}
