import { overridesCsv, parseOverridesCsv } from '../../overrides/csv';
import { runCsvCommand } from '../csv-command';
import { fileIssuesError } from '../errors';

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

export function run(argv: string[]): Promise<number> {
  return runCsvCommand(argv, {
    help: HELP,
    exportCsv: async (store) => overridesCsv(await store.overrides.list()),
    async importCsv(store, text, file, change) {
      const { itemIds } = await store.catalog.load();
      const { overrides, issues } = parseOverridesCsv(text, file, (id) => itemIds.has(id));
      if (issues.length > 0) throw fileIssuesError(issues);
      await store.overrides.add(overrides, { author: change.author, at: change.at }, change.replace);
      return `imported ${overrides.length} overrides${change.replace ? ' (replacing the stored ones)' : ''}\ndata version ${await store.dataVersion()}\n`;
    },
  });
}
