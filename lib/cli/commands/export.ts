import path from 'node:path';
import { forecastSource } from '../../dashboard/table-model';
import { periodStart } from '../../inventory/periods';
import { dataDirFromEnv } from '../../runtime/config';
import { dayToIso } from '../../store/days';
import { parseFlags } from '../args';
import { dataError, usageError } from '../errors';
import { OutputFile, outputFolder } from '../output-file';
import { openStoreToRead } from '../store-to-read';

export const summary = 'write forecasts.csv and inventory.csv for the latest completed run';

// Columns are only ever added at the end, so readers of the earlier ones by position keep working.
const FORECAST_HEADER = 'item_id,period_start,point,lo80,hi80,lo95,hi95,model,statistical';
const INVENTORY_HEADER =
  'item_id,status,abc,xyz,on_hand,on_order,safety_stock,reorder_point,days_of_supply,stockout_date,excess_units,excess_value,model,mase,confidence,forecast';

/** Numbers to 4 decimals, no trailing zeros; empty for none (no stockout, endless cover, no forecast). */
function num(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '';
  const r = Math.round(x * 1e4) / 1e4;
  return String(Object.is(r, -0) ? 0 : r);
}

function text(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV lines, buffered into blocks, through an OutputFile. */
class CsvFile {
  private readonly output: OutputFile;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(
    readonly file: string,
    header: string,
  ) {
    this.output = new OutputFile(file, '--out');
    this.buffer.push(`${header}\n`);
  }

  line(fields: string[]): void {
    const l = `${fields.join(',')}\n`;
    this.buffer.push(l);
    this.size += l.length;
    this.rows++;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    this.output.write(this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    this.output.commit();
  }

  abandon(): void {
    this.output.discard();
  }
}

const HELP = `usage: stockcast export --out DIR [--data DIR]
  --out    folder to write forecasts.csv and inventory.csv into (created if missing)
  --data   data folder (default $STOCKCAST_DATA_DIR or ./data)
Writes the results of the latest completed pipeline run; each file appears whole (temp + rename).
forecasts.csv: statistical = the engine's forecast where an analyst's override changed point (else empty).
inventory.csv: forecast = statistical, override, pinned model, or pinned model + override.
exit codes: 0 written; 65 no completed run yet; 64 bad flags, or no store in the data folder
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    out: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.out) throw usageError('--out DIR is required');
  const out = path.resolve(values.out);
  const store = openStoreToRead(values.data ? path.resolve(values.data) : dataDirFromEnv());
  try {
    const runRecord = await store.runs.latestCompleted();
    const set = runRecord?.resultSet ? await store.results.get(runRecord.resultSet) : null;
    if (!runRecord || !set) throw dataError('no completed pipeline run to export yet: run `stockcast run` first');
    outputFolder(out, '--out');
    const { period, horizon, forecastStartPeriod } = set.meta;
    const periodStarts = Array.from({ length: horizon }, (_, k) => dayToIso(periodStart(period, forecastStartPeriod + k)));
    const forecasts = new CsvFile(path.join(out, 'forecasts.csv'), FORECAST_HEADER);
    const inventory = new CsvFile(path.join(out, 'inventory.csv'), INVENTORY_HEADER);
    try {
      for await (const r of store.results.iterate(set.id)) {
        const item = text(r.itemId);
        const model = text(r.model);
        const overridden = r.statistical.length > 0;
        for (let k = 0; k < horizon; k++) {
          const statistical = overridden ? num(r.statistical[k]!) : '';
          forecasts.line([item, periodStarts[k]!, num(r.point[k]!), num(r.lo80[k]!), num(r.hi80[k]!), num(r.lo95[k]!), num(r.hi95[k]!), model, statistical]);
        }
        inventory.line([
          item,
          r.status,
          r.abc,
          r.xyz,
          num(r.onHand),
          num(r.onOrder),
          num(r.safetyStock),
          num(r.reorderPoint),
          num(r.daysOfSupply),
          r.stockoutDay === null ? '' : dayToIso(r.stockoutDay),
          num(r.excessUnits),
          num(r.excessValue),
          model,
          num(r.error),
          r.confidence,
          text(forecastSource(overridden, r.leaderboard.some((e) => e.pinned === true))),
        ]);
      }
    } catch (err) {
      forecasts.abandon();
      inventory.abandon();
      throw err;
    }
    forecasts.close();
    inventory.close();
    process.stdout.write(
      `exported run ${runRecord.id} (${runRecord.key}): ${inventory.rows} items\n` +
        `${forecasts.file} ${forecasts.rows} rows\n${inventory.file} ${inventory.rows} rows\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
