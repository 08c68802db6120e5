// Worker-thread entry for the pipeline pool. Node 20 cannot run TypeScript, so the worker
// registers tsx (the same loader the command line uses) and then loads the real task module.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./worker-tasks.ts');
export default tasks.default;
