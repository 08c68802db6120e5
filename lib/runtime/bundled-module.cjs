// Loads a TypeScript module in a worker thread (Node 20 cannot run TypeScript): esbuild bundles it
// and everything of ours it imports into one CommonJS module (packages stay outside, required as
// usual). One bundle rather than tsx's per-file require hook: the hook's modules reach each
// other's functions through getters, which cost the forecasting engine's inner loops about a
// seventh of their speed (README, "Measured").
//
// The bundle is kept on disk (node_modules/.cache/stockcast) with the digest of every file it was
// built from, and reused while they are unchanged: every pool thread of every process used to
// build its own, and a pool's threads building at once held up a run's start by about a second
// on two cores (README, "Measured").
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { threadId } = require('node:worker_threads');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_CACHE = path.join(ROOT, 'node_modules', '.cache', 'stockcast');
const OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'silent',
};
/** Files that decide the bundle besides its inputs: the path aliases. */
const SETTINGS = ['tsconfig.json'];
/**
 * Changes with esbuild or with the options: a cached bundle built otherwise is not reused. The
 * version comes from esbuild's package file: loading esbuild itself (~17 ms a thread) only a build needs.
 */
const BUILD_KEY = `esbuild ${require('esbuild/package.json').version} ${JSON.stringify(OPTIONS)}`;
/** A cached bundle's first line: this, then its manifest as JSON; the code follows. */
const HEADER = '// stockcast bundle ';

const digest = (file) => crypto.createHash('sha256').update(fs.readFileSync(path.resolve(ROOT, file))).digest('hex');

/** The cached code for `entry` when every file it was built from is unchanged; null otherwise. */
function cached(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const eol = text.indexOf('\n');
  if (!text.startsWith(HEADER) || eol < 0) return null;
  try {
    const manifest = JSON.parse(text.slice(HEADER.length, eol));
    if (manifest.build !== BUILD_KEY) return null;
    for (const [input, sha] of manifest.inputs) if (digest(input) !== sha) return null;
  } catch {
    return null;
  }
  return text.slice(eol + 1);
}

/**
 * Builds the bundle and stores it (atomically: other threads may be reading or writing it too),
 * unless a file it was built from changed while it was built: the digests, taken after the build,
 * would then vouch for code built from the older file.
 */
function build(entry, file) {
  const started = Date.now();
  const result = require('esbuild').buildSync({ ...OPTIONS, entryPoints: [entry], write: false, metafile: true, absWorkingDir: ROOT });
  const code = result.outputFiles[0].text;
  try {
    const sources = [...Object.keys(result.metafile.inputs), ...SETTINGS];
    // Whole milliseconds, as `started` has them: a file written in the millisecond the build
    // started, before it, has a fractional modification time above `started`.
    if (sources.some((input) => Math.floor(fs.statSync(path.resolve(ROOT, input)).mtimeMs) > started)) return code;
    const inputs = sources.map((input) => [input, digest(input)]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${threadId}.tmp`;
    fs.writeFileSync(temp, `${HEADER}${JSON.stringify({ build: BUILD_KEY, inputs })}\n${code}`);
    fs.renameSync(temp, file);
  } catch {
    // A read-only installation: every thread builds its own, as before the cache.
  }
  return code;
}

/**
 * The bundle of the TypeScript module at `entry` (an absolute path): from the cache in `cacheDir`
 * when its sources are unchanged (`fromCache`), else built and stored there.
 */
function bundle(entry, cacheDir = DEFAULT_CACHE) {
  const name = path.relative(ROOT, entry).split(path.sep).join('+');
  const file = path.join(cacheDir, `${name}.cjs`);
  const code = cached(file);
  return code === null ? { code: build(entry, file), fromCache: false } : { code, fromCache: true };
}

/** The exports of the TypeScript module at `entry` (an absolute path). */
function loadBundled(entry, cacheDir) {
  const { code } = bundle(entry, cacheDir);
  // Errors from the bundle point at our source files and lines.
  process.setSourceMapsEnabled(true);
  const loaded = new Module(entry, module);
  loaded.filename = entry;
  loaded.paths = Module._nodeModulePaths(path.dirname(entry));
  loaded._compile(code, entry);
  return loaded.exports;
}

module.exports = loadBundled;
module.exports.bundle = bundle;
