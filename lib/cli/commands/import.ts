import fs from 'node:fs';
import path from 'node:path';
import { importFiles } from '../../ingest/import';
import { ImportError } from '../../ingest/issues';
import { isKind, KINDS } from '../../ingest/kinds';
import { fileSource } from '../../ingest/source';
import { dataDirFromEnv } from '../../runtime/config';
import { openStore } from '../../store';
import { dayToIso } from '../../store/days';
import { parseFlags } from '../args';
import { dataError, issueLine, usageError } from '../errors';

export const summary = 'import items, uom, sales and inventory files (CSV or XLSX) into the data folder';

const HELP = `usage: stockcast import PATH... [--kind items|uom|sales|inventory] [--replace-days] [--data DIR]
  PATH            a CSV (, ; or tab delimited, UTF-8) or XLSX file, or a folder: its .csv, .tsv,
                  .txt and .xlsx files
  --kind          the kind of every file given (default: told from each file's header)
  --replace-days  the sales in these files replace the stored sales of their items on the days
                  they hold (a corrected or re-exported extract); other days are untouched.
                  Without it sales rows add to what is stored
  --data          the data folder (default STOCKCAST_DATA_DIR, else ./data)
All files of one command are one import: applied in the order items, uom, sales, inventory, so a
fresh folder takes all four at once; if any file is invalid nothing is written. A file whose
bytes were imported before is skipped, unless --replace-days (it sets that extract's days right
again).
exit codes: 0 imported (or skipped); 65 invalid data, nothing written; 64 bad flags or paths
`;

const EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

function expand(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw usageError(`no such file or folder: ${p}`);
    if (!stat.isDirectory()) {
      files.push(p);
      continue;
    }
    const inside = fs
      .readdirSync(p)
      .filter((name) => EXTENSIONS.has(path.extname(name).toLowerCase()))
      .sort()
      .map((name) => path.join(p, name));
    if (!inside.length) throw usageError(`no .csv, .tsv, .txt or .xlsx files in ${p}`);
    files.push(...inside);
  }
  return files;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      kind: { type: 'string' },
      data: { type: 'string' },
      'replace-days': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!positionals.length) throw usageError('give at least one file or folder to import');
  const kind = values.kind;
  if (kind !== undefined && !isKind(kind)) throw usageError(`--kind must be one of ${KINDS.join(', ')}, got "${kind}"`);
  const files = expand(positionals);
  const store = openStore(values.data ? path.resolve(values.data) : dataDirFromEnv());
  try {
    // This process's connection is the import's alone: big sales files may stream into it.
    const outcome = await importFiles(
      store,
      files.map((f) => fileSource(f, kind)),
      { exclusive: true, replaceSalesDays: values['replace-days'] },
    );
    const n = (v: number) => v.toLocaleString('en-US');
    const width = Math.max(...outcome.imported.map((f) => f.file.length));
    for (const f of outcome.imported) {
      const what = f.skipped ? 'skipped ' : 'imported';
      const why = f.skipped ? '  (same file imported before)' : '';
      process.stdout.write(`${what}  ${f.file.padEnd(width)}  ${f.kind.padEnd(9)}  ${n(f.rows).padStart(12)} rows${why}\n`);
    }
    if (outcome.replaced) {
      const { rows, itemDays } = outcome.replaced;
      process.stdout.write(`replaced ${n(rows)} stored sales ${rows === 1 ? 'row' : 'rows'} on ${n(itemDays)} item-${itemDays === 1 ? 'day' : 'days'}\n`);
    }
    process.stdout.write(`data version ${outcome.dataVersion}\n`);
    for (const f of outcome.imported) {
      const r = f.repeated;
      if (!r) continue;
      process.stderr.write(
        `warning: ${f.file}: ${n(r.rows)} ${r.rows === 1 ? 'row falls' : 'rows fall'} on days their items already had sales for ` +
          `(${n(r.items)} ${r.items === 1 ? 'item' : 'items'}, ` +
          `${dayToIso(r.firstDay)} to ${dayToIso(r.lastDay)}); sales rows add up, so if this file repeats an earlier extract, those days now count twice ` +
          `(import it again with --replace-days to count them once)\n`,
      );
    }
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    throw dataError(`${err.message}\n${err.issues.map(issueLine).join('\n')}`);
  } finally {
    await store.close();
  }
}
