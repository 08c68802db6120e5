import { parentPort, workerData } from 'node:worker_threads';
import { loadDemoIntoEmptyStore } from '../demo/load';
import { Refusal } from '../runtime/refusal';
import { diskFullMessage, isDiskFull } from '../store/faults';
import { openStore } from '../store/index';
import { importFiles } from './import';
import { ImportError } from './issues';
import type { FromImportThread, ToImportThread } from './thread-client';
import { holdBeforeCommit } from './test-hooks';
import { formSources } from './upload';

/**
 * The import thread: reads uploads (multipart parsing, CSV/XLSX, checks) and commits them on a
 * connection of its own, so a big import never holds the server's event loop; it also generates
 * and imports the demo data set on request. Imports run one after the other, each in its own
 * transaction.
 */
const { dataDir } = workerData as { dataDir: string };
const port = parentPort!;
const store = openStore(dataDir);
let queue: Promise<void> = Promise.resolve();

function reply(message: FromImportThread): void {
  port.postMessage(message);
}

port.on('message', (message: ToImportThread) => {
  if (message.type === 'close') {
    void store.close();
    reply({ type: 'closed' });
    port.close();
    return;
  }
  const { id } = message;
  // One import at a time: an import may keep its transaction open while a big file streams in.
  queue = queue
    .then(() =>
      message.type === 'demo'
        ? loadDemoIntoEmptyStore(store, message.size, { exclusive: true })
        : formSources(message.upload).then(({ sources, replaceSalesDays }) =>
            importFiles(store, sources, { exclusive: true, replaceSalesDays, beforeCommit: () => holdBeforeCommit(dataDir) }),
          ),
    )
    .then(
      (outcome) => reply({ type: 'imported', id, outcome }),
      (err: unknown) => {
        if (err instanceof ImportError) reply({ type: 'invalid', id, issues: [...err.issues], total: err.total });
        else if (err instanceof Refusal) reply({ type: 'refused', id, kind: err.kind, code: err.code, message: err.message });
        else if (isDiskFull(err)) {
          reply({ type: 'refused', id, kind: 'no_space', code: 'disk_full', message: `${diskFullMessage(dataDir)}: nothing of this import was stored; free space there and send it again` });
        }
        else reply({ type: 'failed', id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      },
    );
});
reply({ type: 'ready' });
