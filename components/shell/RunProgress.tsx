'use client';
import { formatCount, formatEta } from '@/lib/dashboard/format';
import { STAGE_HINT, stageLabel } from '@/lib/dashboard/labels';
import type { RunJson } from '@/lib/service/types';

const ROW_STAGES = new Set(['load', 'convert', 'bucket']);

/** The shared run's progress bar: labelled by its stage, done/total as ARIA values. */
export function RunProgress({ run }: { run: RunJson }) {
  const stage = run.status === 'queued' ? 'queued' : run.stage || 'queued';
  const unit = ROW_STAGES.has(stage) ? 'rows' : 'items';
  const known = run.total > 0;
  const percent = known ? Math.min(100, (run.done / run.total) * 100) : 0;
  const counts = known ? `${formatCount(run.done)} / ${formatCount(run.total)} ${unit}` : (STAGE_HINT[stage] ?? '');
  const eta = formatEta(run.etaSeconds);
  return (
    <div className="run-progress" data-run-id={run.runId}>
      <div className="run-progress-text">
        <span id="run-progress-stage" className="run-progress-stage" title={STAGE_HINT[stage]}>
          {stageLabel(stage)}
        </span>
        <span className="run-progress-counts">
          {counts}
          {eta ? <span className="run-progress-eta"> · {eta}</span> : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="run-progress-stage"
        aria-valuemin={0}
        aria-valuemax={Math.max(run.total, 1)}
        aria-valuenow={Math.min(run.done, Math.max(run.total, 1))}
        aria-valuetext={[counts, eta].filter(Boolean).join(', ') || stageLabel(stage)}
        className={`progress-track${known ? '' : ' progress-indeterminate'}`}
      >
        <span className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
    </div>
  );
}
