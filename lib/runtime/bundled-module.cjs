// Loads a TypeScript module in a worker thread (Node 20 cannot run TypeScript): esbuild bundles it
// and everything of ours it imports into one CommonJS module in memory (packages stay outside,
// required as usual). One bundle rather than tsx's per-file require hook: the hook's modules
// reach each other's functions through getters, which cost the forecasting engine's inner loops
// about a seventh of their speed (README, "Measured").
const path = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

/** The exports of the TypeScript module at `entry` (an absolute path). */
module.exports = function loadBundled(entry) {
  const [bundle] = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'silent',
  }).outputFiles;
  // Errors from the bundle point at our source files and lines.
  process.setSourceMapsEnabled(true);
  const loaded = new Module(entry, module);
  loaded.filename = entry;
  loaded.paths = Module._nodeModulePaths(path.dirname(entry));
  loaded._compile(bundle.text, entry);
  return loaded.exports;
};
