// Worker-thread entry for the pipeline pool. Node 20 cannot run TypeScript, so the worker
// registers tsx's require hook (in-thread and light: the ESM loader API starts a loader thread
// per worker, which doubled the start-up time) and loads the real task module.
require('tsx/cjs/api').register();
module.exports = require('./worker-tasks.ts').default;
