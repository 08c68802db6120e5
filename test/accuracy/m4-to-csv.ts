/**
 * Writes one period of the M4 competition's data as a set in the shared format (<prefix>_train.csv,
 * _test.csv, _meta.csv; ../shared/data/README.md), to score the engine on series that are not in
 * ../shared/data (`npx tsx test/accuracy/engine-report.ts --held-back <prefix>`):
 *
 *   npx tsx test/accuracy/m4-to-csv.ts <Period-train.csv> <Period-test.csv> <frequency> <horizon> <prefix>
 *
 * The files are the competition's own (github.com/Mcompetitions/M4-methods, Dataset/Train and
 * Dataset/Test): one row per series, its id then its values, rows padded with empty fields to the
 * longest; e.g. Hourly: frequency 24, horizon 48.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface SharedFormat {
  train: string;
  test: string;
  meta: string;
}

/** One M4 file's series, in file order: id and values (empty trailing fields dropped). */
function readWide(text: string, file: string): [string, number[]][] {
  const lines = text.split(/\r?\n/);
  const series: [string, number[]][] = [];
  for (let row = 1; row < lines.length; row++) {
    if (lines[row].trim() === '') continue;
    const fields = lines[row].split(',').map((f) => f.replace(/^"|"$/g, ''));
    const values: number[] = [];
    for (let col = 1; col < fields.length; col++) {
      if (fields[col] === '') continue;
      const v = Number(fields[col]);
      if (!Number.isFinite(v)) throw new Error(`${file}: row ${row + 1}, column ${col + 1} (${fields[0]}): "${fields[col]}" is not a number`);
      values.push(v);
    }
    series.push([fields[0], values]);
  }
  return series;
}

/** The three files of the shared format from the text of an M4 period's train and test files (`files` names them in errors). */
export function m4ToSharedFormat(trainText: string, testText: string, frequency: number, horizon: number, files = { train: 'train', test: 'test' }): SharedFormat {
  if (!(Number.isInteger(frequency) && frequency >= 1 && Number.isInteger(horizon) && horizon >= 1)) {
    throw new Error(`frequency and horizon must be whole numbers from 1, found ${frequency} and ${horizon}`);
  }
  const tails = new Map(readWide(testText, files.test));
  const train = ['series_id,t,value'];
  const test = ['series_id,t,value'];
  const meta = ['series_id,frequency,horizon,type'];
  for (const [id, history] of readWide(trainText, files.train)) {
    const tail = tails.get(id);
    if (!tail) throw new Error(`${files.test}: no row for series ${id} of ${files.train}`);
    if (tail.length < horizon) throw new Error(`${files.test}: series ${id} has ${tail.length} values, fewer than the horizon ${horizon}`);
    history.forEach((v, t) => train.push(`${id},${t + 1},${v}`));
    tail.slice(0, horizon).forEach((v, k) => test.push(`${id},${history.length + k + 1},${v}`));
    meta.push(`${id},${frequency},${horizon},M4`);
  }
  return { train: `${train.join('\n')}\n`, test: `${test.join('\n')}\n`, meta: `${meta.join('\n')}\n` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [trainFile, testFile, frequency, horizon, prefix] = process.argv.slice(2);
  if (!prefix) throw new Error('usage: npx tsx test/accuracy/m4-to-csv.ts <Period-train.csv> <Period-test.csv> <frequency> <horizon> <prefix>');
  const set = m4ToSharedFormat(fs.readFileSync(trainFile, 'utf8'), fs.readFileSync(testFile, 'utf8'), Number(frequency), Number(horizon), { train: trainFile, test: testFile });
  for (const part of ['train', 'test', 'meta'] as const) fs.writeFileSync(`${prefix}_${part}.csv`, set[part]);
  console.log(`${set.meta.trim().split('\n').length - 1} series written to ${prefix}_{train,test,meta}.csv`);
}
