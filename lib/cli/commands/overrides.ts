import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { overridesCsv, parseOverridesCsv } from '../../overrides/csv';
import { dataDirFromEnv } from '../../runtime/config';
import { openStore } from '../../store';
import { parseFlags } from '../args';
import { EXIT_USAGE, fileIssuesError, usageError } from '../errors';

export const summary = "import or export the analysts' forecast overrides (CSV)";

const HELP = `usage: stockcast overrides import FILE [--replace] [--author NAME] [--data DIR]
       stockcast overrides export [--out FILE] [--data DIR]
  import     adds the file's overrides (all or nothing); --replace first removes every stored one
  export     writes every stored override (to stdout without --out)
  --author   who makes the change (default: the user name)
  --data     the data folder (default STOCKCAST_DATA_DIR, else ./data)
CSV columns: item_id, period_start, period_end, quantity | percent, reason, until (dates
YYYY-MM-DD; until optional). Overrides apply from the next run (the data version rises).
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
  const store = openStore(values.data ? path.resolve(values.data) : dataDirFromEnv());
  try {
    if (action === 'export') {
      if (file) throw usageError('export takes no file: use --out FILE');
      const csv = overridesCsv(await store.overrides.list());
      if (values.out) fs.writeFileSync(values.out, csv);
      else process.stdout.write(csv);
      return 0;
    }
    if (action !== 'import') throw usageError(`unknown action "${action}": import or export`);
    if (!file) throw usageError('give the CSV file to import');
    if (!fs.existsSync(file)) throw usageError(`no such file: ${file}`);
    const { itemIds } = await store.catalog.load();
    const { overrides, issues } = parseOverridesCsv(fs.readFileSync(file, 'utf8'), path.basename(file), (id) => itemIds.has(id));
    if (issues.length > 0) throw fileIssuesError(issues);
    await store.overrides.add(overrides, { author: values.author ?? os.userInfo().username, at: Date.now() }, values.replace);
    process.stdout.write(`imported ${overrides.length} overrides${values.replace ? ' (replacing the stored ones)' : ''}\ndata version ${await store.dataVersion()}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
