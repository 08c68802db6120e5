import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { openStore, type Store } from '@/lib/store';

/** A store in `dir` holding the demo data set (imported through the real import path). */
export async function demoStore(dir: string, options: { items: number; days: number; seed?: number }): Promise<Store> {
  const store = openStore(dir);
  await importFiles(store, demoSources(options).sources);
  return store;
}
