import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { log } from '../runtime/log';
import { onShutdown } from '../runtime/shutdown';
import { forgetProcessSingleton, processSingleton } from '../runtime/singleton';
import type { ActionsTask, InboxAnswer } from './worker-tasks';

/**
 * worker.cjs on disk: beside this module from source; from the project root inside the Next.js
 * server bundle (as lib/pipeline/pool.ts finds its own).
 */
function workerFile(): string {
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.cjs'),
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'actions', 'worker.cjs'),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`actions worker not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The process's one thread for the inbox and the worksheet, apart from the pipeline's pool: a
 * request never waits behind a run's chunks, and one thread keeps one ranked result set warm.
 * Not lowered in priority: it answers requests. Created on first use, destroyed by the shutdown hooks.
 */
function actionsPool(): Piscina {
  return processSingleton('actionsPool', () => {
    const pool = new Piscina({ filename: workerFile(), minThreads: 1, maxThreads: 1, env: process.env as Record<string, string> });
    pool.on('error', (err: Error) => log.warn({ err }, 'actions worker: error outside any task'));
    onShutdown(
      'actions-pool',
      () => {
        forgetProcessSingleton('actionsPool');
        return pool.destroy();
      },
      'resources',
    );
    return pool;
  });
}

export function runActionsTask<R extends InboxAnswer | boolean | string | Uint8Array>(task: ActionsTask): Promise<R> {
  return actionsPool().run(task) as Promise<R>;
}
