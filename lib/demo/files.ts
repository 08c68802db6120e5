import fs from 'node:fs';
import path from 'node:path';
import { bytesSource, type ImportSource } from '../ingest/source';
import { DEMO_FILES, generateDemo, type DemoFile, type DemoOptions, type DemoSummary } from './generate';

/** Writes items.csv, uom.csv, sales.csv and inventory.csv into `dir` (created when missing). */
export function writeDemoFiles(dir: string, options: DemoOptions): DemoSummary {
  fs.mkdirSync(dir, { recursive: true });
  const fds = new Map<DemoFile, number>();
  try {
    for (const file of DEMO_FILES) fds.set(file, fs.openSync(path.join(dir, file), 'w'));
    return generateDemo(options, (file, text) => {
      fs.writeSync(fds.get(file)!, text);
    });
  } finally {
    for (const fd of fds.values()) fs.closeSync(fd);
  }
}

/** The demo files in memory, ready for importFiles (named demo/items.csv and so on). */
export function demoSources(options: DemoOptions): { sources: ImportSource[]; summary: DemoSummary } {
  const parts = new Map<DemoFile, Buffer[]>(DEMO_FILES.map((f) => [f, []]));
  const summary = generateDemo(options, (file, text) => parts.get(file)!.push(Buffer.from(text)));
  const sources = DEMO_FILES.map((file) => bytesSource(`demo/${file}`, Buffer.concat(parts.get(file)!)));
  return { sources, summary };
}
