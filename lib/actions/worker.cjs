// Worker-thread entry for the actions pool (see pool.ts): tsx's in-thread require hook, as the
// pipeline's worker does, then the real task module.
require('tsx/cjs/api').register();
module.exports = require('./worker-tasks.ts').default;
