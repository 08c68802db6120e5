#!/usr/bin/env node
// `npm run bench [-- --only NAME[,NAME]] [-- --quick]`: runs every test/bench/*.bench.ts in name
// order. Each exports `run({ quick, log })`, measures side by side in this one process, and prints
// its figures and ratios. Nothing here asserts timings: benchmarks report, tests judge behaviour.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const dir = path.dirname(new URL(import.meta.url).pathname);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

const cpus = os.cpus();
process.stdout.write(
  `Stockcast benchmarks — node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB\n`,
);
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only && !only.has(name)) continue;
  process.stdout.write(`\n## ${name}\n`);
  try {
    const mod = await import(path.join(dir, file));
    await mod.run({ quick: values.quick, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (err) {
    failed++;
    process.stdout.write(`FAILED: ${err?.stack ?? err}\n`);
  }
}
process.exit(failed ? 1 : 0);
