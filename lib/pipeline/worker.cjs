// Worker-thread entry for the pipeline pool. Node 20 cannot run TypeScript, so when the thread
// starts, esbuild bundles the task module and everything of ours it imports into one CommonJS
// module in memory (packages stay outside, required as usual). One bundle rather than tsx's
// per-file require hook: the hook's modules reach each other's functions through getters, which
// cost the forecasting engine's inner loops about a fifth of their speed (README, "Measured").
const path = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

const entry = path.join(__dirname, 'worker-tasks.ts');
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
const tasks = new Module(entry, module);
tasks.filename = entry;
tasks.paths = Module._nodeModulePaths(__dirname);
tasks._compile(bundle.text, entry);
module.exports = tasks.exports.default;
