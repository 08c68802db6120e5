// Entry of the import thread. Worker threads cannot run TypeScript on Node 20 and the Next bundler
// does not compile worker files, so this plain module registers tsx (as the command line does)
// and then loads the TypeScript thread module from the sources.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
