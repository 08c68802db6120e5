import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../../helpers/server';
import { tempDir } from '../../helpers/tmp';

type Bundle = (entry: string, cacheDir?: string) => { code: string; fromCache: boolean };
type LoadBundled = ((entry: string, cacheDir?: string) => Record<string, unknown>) & { bundle: Bundle };
const loadBundled = createRequire(import.meta.url)(path.join(ROOT, 'lib/runtime/bundled-module.cjs')) as LoadBundled;

/**
 * The worker threads' loader keeps each bundle on disk with the digests of the files it was built
 * from: a thread reuses it while they are unchanged and builds anew as soon as one changes.
 */
describe('bundled modules, cached on disk', () => {
  let tmp: ReturnType<typeof tempDir>;
  let source: string;
  let cache: string;
  let entry: string;

  beforeEach(() => {
    tmp = tempDir();
    source = path.join(tmp.dir, 'src');
    cache = path.join(tmp.dir, 'cache');
    fs.mkdirSync(source);
    entry = path.join(source, 'entry.ts');
    fs.writeFileSync(entry, "import { demand } from './demand';\nexport const doubled: number = demand * 2;\n");
    fs.writeFileSync(path.join(source, 'demand.ts'), 'export const demand: number = 21;\n');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    tmp.cleanup();
  });

  it('builds once, then loads the stored bundle while its sources are unchanged', () => {
    const first = loadBundled.bundle(entry, cache);
    expect(first.fromCache).toBe(false);
    const second = loadBundled.bundle(entry, cache);
    expect(second).toEqual({ code: first.code, fromCache: true });
    expect(loadBundled(entry, cache).doubled).toBe(42);
  });

  it('loads a stored bundle without loading esbuild, which only a build needs', () => {
    loadBundled.bundle(entry, cache);
    // A fresh process, as a worker thread starts: which modules did a cache hit load?
    const script = `
      const loadBundled = require(${JSON.stringify(path.join(ROOT, 'lib/runtime/bundled-module.cjs'))});
      const { fromCache } = loadBundled.bundle(${JSON.stringify(entry)}, ${JSON.stringify(cache)});
      const esbuild = Object.keys(require.cache).some((file) => /[\\/]esbuild[\\/]lib[\\/]/.test(file));
      process.stdout.write(JSON.stringify({ fromCache, esbuild }));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual({ fromCache: true, esbuild: false });
  });

  it('builds anew when a module the entry imports changes', () => {
    expect(loadBundled(entry, cache).doubled).toBe(42);
    fs.writeFileSync(path.join(source, 'demand.ts'), 'export const demand: number = 50;\n');
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(false);
    expect(loadBundled(entry, cache).doubled).toBe(100);
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(true);
  });

  it('builds anew when an imported module is gone, and reports the failure of the build', () => {
    loadBundled.bundle(entry, cache);
    fs.rmSync(path.join(source, 'demand.ts'));
    expect(() => loadBundled.bundle(entry, cache)).toThrow(/demand/);
  });

  it('stores nothing when a source changed while the bundle was built', () => {
    // A modification time after the build started stands for an edit made during the build.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(source, 'demand.ts'), later, later);
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(false);
    expect(fs.existsSync(cache) ? fs.readdirSync(cache) : []).toEqual([]);
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(false);
  });

  it('stores a bundle whose sources were written in the millisecond its build started, before it', () => {
    // The clock gives whole milliseconds and a file's modification time a fraction of one.
    const started = Date.now();
    const written = (started + 0.5) / 1000;
    for (const file of fs.readdirSync(source)) fs.utimesSync(path.join(source, file), written, written);
    vi.spyOn(Date, 'now').mockReturnValue(started);
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(false);
    vi.restoreAllMocks();
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(true);
  });

  it('ignores a damaged cache file and replaces it', () => {
    loadBundled.bundle(entry, cache);
    const [stored] = fs.readdirSync(cache);
    fs.writeFileSync(path.join(cache, stored!), 'not a bundle');
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(false);
    expect(loadBundled.bundle(entry, cache).fromCache).toBe(true);
  });

  it('still loads where the cache cannot be written', () => {
    const blocked = path.join(tmp.dir, 'a-file');
    fs.writeFileSync(blocked, '');
    expect(loadBundled.bundle(entry, blocked).fromCache).toBe(false);
    expect(loadBundled(entry, blocked).doubled).toBe(42);
    expect(loadBundled.bundle(entry, blocked).fromCache).toBe(false);
  });
});
