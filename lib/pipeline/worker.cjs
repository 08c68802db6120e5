// Worker-thread entry for the pipeline pool: the task module, bundled (lib/runtime/bundled-module.cjs).
const path = require('node:path');
const loadBundled = require('../runtime/bundled-module.cjs');

module.exports = loadBundled(path.join(__dirname, 'worker-tasks.ts')).default;
