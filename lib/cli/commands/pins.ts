import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePinsCsv, pinsCsv } from '../../overrides/pins-csv';
import { dataDirFromEnv } from '../../runtime/config';
import { openStore } from '../../store';
import { parseFlags } from '../args';
import { EXIT_USAGE, fileIssuesError, usageError } from '../errors';

export const summary = "import or export the models analysts pinned for items (CSV)";

const HELP = `usage: stockcast pins import FILE [--replace] [--author NAME] [--data DIR]
       stockcast pins export [--out FILE] [--data DIR]
  import     pins the file's models (all or nothing; an item's pin is replaced by the file's);
             --replace also removes every stored pin the file does not name
  export     writes every stored pin (to stdout without --out)
  --author   who makes the change (default: the user name)
  --data     the data folder (default STOCKCAST_DATA_DIR, else ./data)
CSV columns: item_id, model, reason (model: an engine label such as auto_ets, auto_arima,
auto_theta, tsb or combo(auto_ets+auto_theta)). Pins apply from the next run (the data version rises).
exit codes: 0 done; 65 invalid data, nothing written; 64 bad flags or paths
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      out: { type: 'string' },
      author: { type: 'string' },
      replace: { type: 'boolean', default: false },
      data: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    true,
  );
  const [action, file, ...extra] = positionals;
  if (values.help || !action) {
    process.stdout.write(HELP);
    return values.help ? 0 : EXIT_USAGE;
  }
  if (extra.length > 0) throw usageError(`unexpected arguments: ${extra.join(' ')}`);
  if (action !== 'import' && action !== 'export') throw usageError(`unknown action "${action}": import or export`);
  if (action === 'export' && file) throw usageError('export takes no file: use --out FILE');
  if (action === 'import' && !file) throw usageError('give the CSV file to import');
  if (file && !fs.existsSync(file)) throw usageError(`no such file: ${file}`);
  const store = openStore(values.data ? path.resolve(values.data) : dataDirFromEnv());
  try {
    if (action === 'export') {
      const csv = pinsCsv(await store.overrides.pins());
      if (values.out) fs.writeFileSync(values.out, csv);
      else process.stdout.write(csv);
      return 0;
    }
    const { itemIds } = await store.catalog.load();
    const { pins, issues } = parsePinsCsv(fs.readFileSync(file!, 'utf8'), path.basename(file!), (id) => itemIds.has(id));
    if (issues.length > 0) throw fileIssuesError(issues);
    const outcome = await store.overrides.pinAll(pins, { author: values.author ?? os.userInfo().username, at: Date.now() }, values.replace);
    process.stdout.write(`pinned ${outcome.set} new, changed ${outcome.edited}, removed ${outcome.removed}\ndata version ${await store.dataVersion()}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
