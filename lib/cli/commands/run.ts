import path from 'node:path';
import { outlierRule } from '../../forecast';
import { PERIODS, type Period } from '../../inventory/periods';
import {
  createPool,
  LockBusyError,
  ParamsError,
  PipelineDataError,
  RunCancelledError,
  runPipeline,
  type ProgressEvent,
  type RunSummary,
} from '../../pipeline';
import { dataDirFromEnv } from '../../runtime/config';
import { openStore } from '../../store';
import { parseFlags, positiveInt } from '../args';
import { dataError, EXIT_TEMPFAIL, usageError } from '../errors';

export const summary = 'run the pipeline: forecasts and inventory health for every item';

const HELP = `usage: stockcast run [--wait] [--force] [--period day|week|month] [--horizon N] [--data DIR]
  --wait      when another process holds the pipeline lock, wait for it (default: exit 75)
  --force     recompute even when results for this data and these parameters exist
  --period    demand bucket (default week)
  --horizon   periods to forecast (default: day 91, week 26, month 12)
  --data      data folder (default $STOCKCAST_DATA_DIR or ./data)
`;

/** Stages that advance in step with another (convert, bucket with load; confidence, inventory with tournament). */
const FOLLOWERS = new Set(['convert', 'bucket', 'confidence', 'inventory']);

/**
 * `stage done/total rate ETA` on stderr: each stage's first and last line, and in between at most
 * one line a second for the stages that lead (load, tournament, persist).
 */
function progressPrinter(): (event: ProgressEvent) => void {
  const last = new Map<string, number>();
  return (e) => {
    const now = performance.now();
    const edge = e.done >= e.total || !last.has(e.stage);
    if (!edge && (FOLLOWERS.has(e.stage) || now - last.get(e.stage)! < 1000)) return;
    const finished = e.done >= e.total;
    last.set(e.stage, now);
    const rate = `${e.rate >= 100 ? Math.round(e.rate) : e.rate.toFixed(1)} ${e.unit}/s`;
    const eta = finished ? 'done' : e.etaSeconds === null ? 'ETA ?' : `ETA ${formatSeconds(e.etaSeconds)}`;
    process.stderr.write(`${e.stage} ${e.done}/${e.total} ${rate} ${eta}\n`);
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Demand in base units as a planner reads it: whole where it is whole, else two decimals at most. */
const formatUnits = (units: number) => String(Math.round(units * 100) / 100);

/** Stdout: one `name value` pair a line, easy to read and to parse. */
function printSummary(s: RunSummary): void {
  const lines = [
    `run ${s.runId} ${s.cached ? 'cached' : 'completed'}`,
    `key ${s.key}`,
    `items ${s.items}`,
    `computed ${s.cached ? 0 : s.computed}`,
    `seconds ${s.seconds.toFixed(2)}`,
    ...(s.resumedFrom && !s.cached ? [`resumed_from ${s.resumedFrom.runId ?? '-'} (${s.resumedFrom.itemsDone} items)`] : []),
    ...Object.entries(s.statusCounts).map(([status, n]) => `${status} ${n}`),
    ...(s.overrides ? [`overrides ${s.overrides.active}`, `expired_overrides ${s.overrides.expired}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (s.statusCounts.no_stock > 0) {
    const n = s.statusCounts.no_stock;
    process.stderr.write(
      `${n === 1 ? '1 item has' : `${n} items have`} no stock record: import stock (an inventory file) to judge ${n === 1 ? 'its' : 'their'} health; no order is suggested until then\n`,
    );
  }
  if (s.overrides?.withoutItem.length) {
    process.stderr.write(`overrides for items not in the item list (not applied): ${s.overrides.withoutItem.join(', ')}\n`);
  }
  if (s.setAside) {
    const more = s.setAside.items > s.setAside.itemIds.length ? `, and ${s.setAside.items - s.setAside.itemIds.length} more` : '';
    process.stderr.write(
      `sales before a silence of a year or more left out (a relaunch, or a year typed wrong; each history starts when the item sold again): ${s.setAside.itemIds.join(', ')}${more}\n`,
    );
  }
  if (s.outliers) {
    const listed = s.outliers.listed.map((o) => `${o.itemId} ${s.params.period} of ${o.day} (${formatUnits(o.demand)}, about ${formatUnits(o.typical)} around it)`);
    const more = s.outliers.items > listed.length ? `, and ${s.outliers.items - listed.length} more` : '';
    process.stderr.write(
      `a ${s.params.period}'s demand ${outlierRule(s.params.period)} left out of its forecast (a quantity typed wrong? import the corrected sales with --replace-days): ${listed.join(', ')}${more}\n`,
    );
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    wait: { type: 'boolean' },
    force: { type: 'boolean' },
    period: { type: 'string' },
    horizon: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.period !== undefined && !PERIODS.includes(values.period as Period)) {
    throw usageError(`--period must be one of ${PERIODS.join(', ')}, got "${values.period}"`);
  }
  const horizon = values.horizon === undefined ? undefined : positiveInt(values.horizon, '--horizon');
  const dir = values.data ? path.resolve(values.data) : dataDirFromEnv();

  const store = openStore(dir);
  const pool = createPool();
  const stop = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = signal;
    process.stderr.write(`stockcast run: ${signal} received: stopping; finished batches stay committed\n`);
    stop.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runPipeline({
      store,
      origin: 'cli',
      params: { period: values.period as Period | undefined, horizon },
      force: values.force ?? false,
      lockWait: values.wait ? 'wait' : 'fail',
      signal: stop.signal,
      pool,
      onProgress: progressPrinter(),
      onLockWait: (h) =>
        process.stderr.write(
          `waiting for the pipeline lock: pid ${h.pid} on ${h.host} since ${h.startedAt} (run ${h.runId}, ${h.command})\n`,
        ),
      onResume: (r) =>
        process.stderr.write(`resuming run ${r.resumedFrom ?? '(unknown)'}: ${r.done} of ${r.total} items already done\n`),
    });
    printSummary(result);
    return 0;
  } catch (err) {
    if (err instanceof LockBusyError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_TEMPFAIL;
    }
    if (err instanceof RunCancelledError || (signalled && stop.signal.aborted)) {
      process.stderr.write(`stockcast run: cancelled by ${signalled ?? 'request'}\n`);
      return signalled === 'SIGTERM' ? 143 : 130;
    }
    if (err instanceof PipelineDataError) throw dataError(err.message);
    if (err instanceof ParamsError) throw usageError(err.message);
    throw err;
  } finally {
    // Handlers stay until the workers and the store are closed: a signal now changes nothing.
    await pool.destroy();
    await store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
