import { once } from 'node:events';
import { describePool, forecastBatch, memberPool, outlierPeriods, outlierRule, pooledSettings, type ForecastSettings, type MemberPool, type SeriesBatch } from '../../forecast';
import { LongFormatError, readLongCsv, type LongSeries } from '../../ingest/long-format';
import { createPool, defaultThreads, forecastSeriesInParallel, type SeriesForecasts } from '../../pipeline';
import { parseFlags, positiveInt } from '../args';
import { OutputFile } from '../output-file';
import { dataError, usageError } from '../errors';

export const summary = 'forecast every series of a long CSV (series_id,t,value) with intervals';

/**
 * Fewest series worth the worker threads: starting a pool costs about half a second, a few
 * series' worth at most; below this they are forecast on the main thread.
 */
const MIN_PARALLEL_SERIES = 100;

const HELP = `usage: stockcast forecast --input FILE --horizon H --season M [--levels 80,95] [--out FILE]
  --input     CSV with header series_id,t,value (t an integer period, rows in any order)
  --horizon   periods to forecast
  --season    periods per seasonal cycle (1 = no seasonality)
  --levels    prediction-interval levels in percent (default 80,95)
  --out       write the CSV here instead of stdout
Series are forecast on every core (STOCKCAST_WORKERS threads when set) once there are ${MIN_PARALLEL_SERIES} or more.
Output: series_id,h,point,lo80,hi80,lo95,hi95,model (one lo/hi pair per level, in order).
`;

/** Progress lines at most this often (ms): a few per second, never a flood. */
const PROGRESS_EVERY_MS = 500;

function parseLevels(text: string): number[] {
  const levels = text.split(',').map((s) => Number(s.trim()));
  if (levels.length === 0 || levels.some((l) => !(l > 0 && l < 100))) {
    throw usageError(`--levels must be percentages strictly between 0 and 100, e.g. 80,95; got "${text}"`);
  }
  if (new Set(levels).size < levels.length) throw usageError(`--levels names a level twice (its columns would repeat); got "${text}"`);
  return levels;
}

/** Up to 6 decimals, no trailing zeros; empty when undefined. */
function num(x: number): string {
  if (!Number.isFinite(x)) return '';
  const r = Math.round(x * 1e6) / 1e6;
  return String(Object.is(r, -0) ? 0 : r);
}

function text(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function seconds(s: number): string {
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** The catalogue's held-back test decides what regular demand is combined from (engine/pool.ts). */
function announce(members: MemberPool): void {
  process.stderr.write(`forecast: ${describePool(members)}\n`);
}

function onMainThread(batch: SeriesBatch, settings: ForecastSettings, onProgress: (done: number) => void): SeriesForecasts {
  const members = memberPool(batch, settings);
  announce(members);
  return forecastBatch(batch, pooledSettings(settings, members), onProgress);
}

async function onThreads(batch: SeriesBatch, settings: ForecastSettings, threads: number, onProgress: (done: number) => void): Promise<SeriesForecasts> {
  process.stderr.write(`forecast: ${threads} worker threads\n`);
  const pool = createPool({ threads });
  try {
    const { members, result } = await forecastSeriesInParallel(pool, batch, settings, onProgress);
    announce(members);
    return result;
  } finally {
    await pool.destroy();
  }
}

/** Characters per block written: the whole CSV of a large run is longer than a string can be. */
const BLOCK_CHARS = 1 << 14;

/** The forecasts as CSV text, in blocks of about BLOCK_CHARS, each ending with a whole line. */
function* csvBlocks(header: string[], ids: string[], result: SeriesForecasts, settings: ForecastSettings): Generator<string> {
  const h = settings.horizon;
  let block = `${header.join(',')}\n`;
  for (let i = 0; i < ids.length; i++) {
    const id = text(ids[i]);
    const model = text(result.modelNames[result.model[i]]);
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      const fields = [id, String(k + 1), num(result.point[at])];
      for (let j = 0; j < settings.levels.length; j++) fields.push(num(result.lower[j][at]), num(result.upper[j][at]));
      fields.push(model);
      block += `${fields.join(',')}\n`;
    }
    if (block.length >= BLOCK_CHARS) {
      yield block;
      block = '';
    }
  }
  if (block) yield block;
}

/** Series named on stderr with the value the engine set aside, at most this many. */
const OUTLIERS_LISTED = 20;

/** Names the series whose one value far beyond the others the engine set aside (a quantity typed wrong). */
function reportOutliers(parsed: LongSeries): void {
  const { values, offsets } = parsed.batch;
  const { at } = outlierPeriods(values, offsets);
  const found: string[] = [];
  for (let i = 0; i < at.length; i++) {
    if (at[i] >= 0) found.push(`${parsed.ids[i]} t=${parsed.firstT[i] + at[i]} (${num(values[offsets[i] + at[i]])})`);
  }
  if (found.length === 0) return;
  const more = found.length > OUTLIERS_LISTED ? `, and ${found.length - OUTLIERS_LISTED} more` : '';
  process.stderr.write(
    `forecast: a value ${outlierRule('period', "its series'")} set aside as a quantity typed wrong in ${found.length} series: ${found.slice(0, OUTLIERS_LISTED).join(', ')}${more}\n`,
  );
}

async function readInput(file: string): Promise<LongSeries> {
  try {
    return await readLongCsv(file);
  } catch (err) {
    if (err instanceof LongFormatError) throw dataError(`${file}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw usageError(`cannot read --input ${file}: ${code}`);
    throw err;
  }
}

/** Forecasts every series, reporting progress on stderr. */
async function forecastAll(batch: SeriesBatch, settings: ForecastSettings): Promise<SeriesForecasts> {
  const total = batch.offsets.length - 1;
  const started = performance.now();
  let lastReport = started;
  const report = (done: number) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    process.stderr.write(
      `forecast: ${done}/${total} series (${Math.floor((100 * done) / Math.max(1, total))}%), ${Math.round(rate)} series/s, ETA ${seconds(eta)}\n`,
    );
  };
  const onProgress = (done: number) => {
    const now = performance.now();
    if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      report(done);
    }
  };
  const threads = defaultThreads();
  const result = threads > 1 && total >= MIN_PARALLEL_SERIES ? await onThreads(batch, settings, threads, onProgress) : onMainThread(batch, settings, onProgress);
  process.stderr.write(`forecast: ${total} series done in ${seconds((performance.now() - started) / 1000)}\n`);
  return result;
}

export async function run(argv: string[]): Promise<number> {
  const { values: flags } = parseFlags(argv, {
    input: { type: 'string' },
    horizon: { type: 'string' },
    season: { type: 'string' },
    levels: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!flags.input) throw usageError(`--input is required\n${HELP}`);
  const settings: ForecastSettings = {
    horizon: positiveInt(flags.horizon, '--horizon'),
    season: positiveInt(flags.season, '--season'),
    levels: parseLevels(flags.levels ?? '80,95'),
  };

  const output = flags.out ? new OutputFile(flags.out, '--out') : null;
  try {
    const parsed = await readInput(flags.input);
    const result = await forecastAll(parsed.batch, settings);
    reportOutliers(parsed);
    const header = ['series_id', 'h', 'point', ...settings.levels.flatMap((l) => [`lo${l}`, `hi${l}`]), 'model'];
    for (const block of csvBlocks(header, parsed.ids, result, settings)) {
      if (output) output.write(block);
      else if (!process.stdout.write(block)) await once(process.stdout, 'drain');
    }
  } catch (err) {
    output?.discard();
    throw err;
  }
  output?.commit();
  return 0;
}
