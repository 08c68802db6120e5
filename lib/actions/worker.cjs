// Worker-thread entry for the actions pool (see pool.ts): the task module, bundled as the
// pipeline's is (lib/runtime/bundled-module.cjs).
const path = require('node:path');
const loadBundled = require('../runtime/bundled-module.cjs');

module.exports = loadBundled(path.join(__dirname, 'worker-tasks.ts')).default;
