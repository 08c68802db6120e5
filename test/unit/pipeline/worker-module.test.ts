import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/server';

/**
 * Every pool thread loads the task module at its start: what it loads there is paid once per
 * thread of every run's pool, the command line's included.
 */
describe('the worker threads’ task module', () => {
  it('loads without the PostgreSQL driver, which only a store on a database URL needs', () => {
    const worker = path.join(ROOT, 'lib/pipeline/worker.cjs');
    // Once to build and store the bundle (a fresh checkout), then as a thread starts: a fresh process.
    const script = `
      const handle = require(${JSON.stringify(worker)});
      const loaded = (name) => Object.keys(require.cache).some((file) => file.includes(['', 'node_modules', name, ''].join(require('node:path').sep)));
      process.stdout.write(JSON.stringify({ handler: typeof handle, pg: loaded('pg'), copyStreams: loaded('pg-copy-streams')}));`;
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(worker)})`]);
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(loaded).toEqual({ handler: 'function', pg: false, copyStreams: false });
  });
});
