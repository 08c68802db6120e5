import { parentPort, workerData } from 'node:worker_threads';
import { openStoreAt } from '../store/index';
import type { FromWriter, ToWriter } from './wire';

/**
 * The writer thread: owns its own connection to the store and applies the queue's transactions
 * one message at a time, in order, so the server's event loop never waits on the store or fsync.
 */
const { dataDir, location, delayMs } = workerData as { dataDir: string; location: string; delayMs: number };
const port = parentPort!;
const store = openStoreAt(dataDir, location);
const writer = await store.events.writer();
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Messages are handled strictly in order: each waits for the one before. */
let previous: Promise<void> = Promise.resolve();

function reply(message: FromWriter): void {
  port.postMessage(message);
}

async function handle(message: ToWriter): Promise<void> {
  if (message.type === 'close') {
    await writer.close();
    await store.close();
    reply({ type: 'closed' });
    port.close();
    return;
  }
  // Test-only slow writer (STOCKCAST_TEST_HOOKS=1): backpressure tests need a writer that lags.
  if (delayMs > 0) Atomics.wait(sleeper, 0, 0, delayMs);
  writer.addUnits(message.newUnits);
  try {
    reply({ type: 'applied', seq: message.seq, result: await writer.apply(message.ops) });
  } catch (err) {
    reply({ type: 'failed', seq: message.seq, error: err instanceof Error ? err.message : String(err) });
  }
}

port.on('message', (message: ToWriter) => {
  previous = previous.then(() => handle(message));
});
reply({ type: 'ready' });
