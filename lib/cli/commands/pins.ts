import { parsePinsCsv, pinsCsv } from '../../overrides/pins-csv';
import { runCsvCommand } from '../csv-command';
import { fileIssuesError } from '../errors';

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

export function run(argv: string[]): Promise<number> {
  return runCsvCommand(argv, {
    help: HELP,
    exportCsv: async (store) => pinsCsv(await store.overrides.pins()),
    async importCsv(store, text, file, change) {
      const { itemIds } = await store.catalog.load();
      const { pins, issues } = parsePinsCsv(text, file, (id) => itemIds.has(id));
      if (issues.length > 0) throw fileIssuesError(issues);
      const outcome = await store.overrides.pinAll(pins, { author: change.author, at: change.at }, change.replace);
      return `pinned ${outcome.set} new, changed ${outcome.edited}, removed ${outcome.removed}, unchanged ${outcome.unchanged}\ndata version ${await store.dataVersion()}\n`;
    },
  });
}
