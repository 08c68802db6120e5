import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataDirFromEnv } from '../runtime/config';
import { openStore, type Store } from '../store';
import { parseFlags } from './args';
import { EXIT_USAGE, usageError } from './errors';
import { OutputFile } from './output-file';
import { openStoreToRead } from './store-to-read';

/** An analyst's data kept as CSV on the command line (overrides, pins): `import FILE` and `export`. */
export interface CsvDataCommand {
  help: string;
  /** Every stored row as the CSV an import reads back. */
  exportCsv(store: Store): Promise<string>;
  /** Validates and writes a file, all or nothing (throwing fileIssuesError); returns what to print. */
  importCsv(store: Store, text: string, file: string, change: { author: string; at: number; replace: boolean }): Promise<string>;
}

/** `stockcast <command> import FILE [--replace] [--author NAME] [--data DIR]` and `export [--out FILE] [--data DIR]`. */
export async function runCsvCommand(argv: string[], command: CsvDataCommand): Promise<number> {
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
    process.stdout.write(command.help);
    return values.help ? 0 : EXIT_USAGE;
  }
  if (extra.length > 0) throw usageError(`unexpected arguments: ${extra.join(' ')}`);
  if (action !== 'import' && action !== 'export') throw usageError(`unknown action "${action}": import or export`);
  if (action === 'export' && file) throw usageError('export takes no file: use --out FILE');
  if (action === 'import' && !file) throw usageError('give the CSV file to import');
  const text = file === undefined ? '' : readInput(file);
  const dir = values.data ? path.resolve(values.data) : dataDirFromEnv();
  const store = action === 'export' ? openStoreToRead(dir) : openStore(dir);
  let output: OutputFile | null = null;
  try {
    if (action === 'export') {
      output = values.out ? new OutputFile(values.out, '--out') : null;
      const csv = await command.exportCsv(store);
      if (!output) process.stdout.write(csv);
      else {
        output.write(csv);
        output.commit();
      }
      return 0;
    }
    const change = { author: values.author ?? os.userInfo().username, at: Date.now(), replace: values.replace };
    process.stdout.write(await command.importCsv(store, text, path.basename(file!), change));
    return 0;
  } catch (err) {
    output?.discard();
    throw err;
  } finally {
    await store.close();
  }
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw usageError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code ?? String(err)}`);
  }
}
