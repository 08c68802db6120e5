import path from 'node:path';
import { writeDemoFiles } from '../../demo/files';
import { DEMO_END } from '../../demo/generate';
import { parseFlags, positiveInt } from '../args';
import { usageError } from '../errors';
import { outputFolder } from '../output-file';

export const summary = 'write a demo data set (items.csv, uom.csv, sales.csv, inventory.csv) into a folder';

const HELP = `usage: stockcast demo --items N --days D [--seed S] --out DIR
  --items   number of items
  --days    days of daily sales history, ending ${DEMO_END}
  --seed    random seed (default 42); the same flags always give the same files
  --out     folder to write items.csv, uom.csv, sales.csv and inventory.csv into (created if missing)
exit codes: 0 written; 64 bad flags
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    items: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const items = positiveInt(values.items, '--items');
  const days = positiveInt(values.days, '--days');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw usageError(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`);
  }
  if (!values.out) throw usageError('--out is required');
  const dir = path.resolve(values.out);
  outputFolder(dir, '--out');
  const started = performance.now();
  const demo = writeDemoFiles(dir, { items, days, seed });
  const n = (v: number) => v.toLocaleString('en-US');
  const files = Object.entries(demo.rows).map(([file, rows]) => `  ${file.padEnd(14)} ${n(rows).padStart(12)} rows`);
  const statuses = Object.entries(demo.statusCounts).map(([s, count]) => `${s} ${n(count)}`);
  process.stdout.write(
    `wrote ${dir} (seed ${seed}, ${demo.firstDate} to ${demo.lastDate}, ${((performance.now() - started) / 1000).toFixed(1)} s)\n` +
      `${files.join('\n')}\n  stock set up for: ${statuses.join(', ')}\n`,
  );
  return 0;
}
