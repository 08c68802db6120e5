import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { log } from '../runtime/log';
import { onShutdown } from '../runtime/shutdown';
import { forgetProcessSingleton, processSingleton } from '../runtime/singleton';
import type { WorkerTask } from './worker-tasks';

/**
 * The worker-thread pool the pipeline runs on: `threads` threads for the parallel work, plus one
 * serial lane for the little work that must run in order. The server keeps one per process
 * (`sharedPool`, closed by the shutdown hooks) and reuses it across runs, so threads and their
 * compiled code stay warm; the command line makes its own (`createPool`) and destroys it when the
 * run ends.
 */
export interface WorkerPool {
  readonly threads: number;
  run<R>(task: WorkerTask, options?: RunTaskOptions): Promise<R>;
  destroy(): Promise<void>;
}

export interface RunTaskOptions {
  signal?: AbortSignal;
  transfer?: ArrayBufferView[];
  /**
   * Run on the pool's serial lane: one thread of its own that runs one task at a time, in the
   * order given. For work whose order matters (folding sales into the demand matrix in rowid
   * order) that must neither wait behind the pool's queue nor run on the main thread.
   */
  serial?: boolean;
}

/** Threads used when not told otherwise: every core (`STOCKCAST_WORKERS` overrides). */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.STOCKCAST_WORKERS);
  return Number.isInteger(configured) && configured > 0 ? configured : os.availableParallelism();
}

/**
 * worker.cjs on disk. From source (command line, tests) it sits beside this module; inside the
 * Next.js server bundle this module's URL points into the build folder, so it is found from the
 * working directory (the project root, where the server runs) instead.
 */
export function workerFile(): string {
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.cjs'),
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'pipeline', 'worker.cjs'),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`pipeline worker not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function createPool(options: { threads?: number; niceIncrement?: number } = {}): WorkerPool {
  const threads = options.threads ?? defaultThreads();
  const nice = options.niceIncrement ?? 0;
  const piscina = piscinaPool(threads, nice);
  // Started with the others, so that the first fold does not wait for a thread to boot.
  const lane = piscinaPool(1, nice);
  return {
    threads,
    run<R>(task: WorkerTask, runOptions: RunTaskOptions = {}) {
      const transferList = runOptions.transfer?.map((v) => v.buffer as ArrayBuffer);
      const target = runOptions.serial ? lane : piscina;
      return target.run(task, { signal: runOptions.signal, transferList }) as Promise<R>;
    },
    destroy: async () => {
      await Promise.all([piscina.destroy(), lane.destroy()]);
    },
  };
}

function piscinaPool(threads: number, niceIncrement: number): Piscina {
  const piscina = new Piscina({
    filename: workerFile(),
    // All threads start at once (their start-up overlaps the main thread's reading) and stay
    // for the pool's life: the server reuses them warm across runs.
    minThreads: threads,
    maxThreads: threads,
    niceIncrement,
    // Keep the workers' output (tsx warnings, crashes) visible on the process's stderr.
    env: process.env as Record<string, string>,
  });
  // Errors with no task to answer go to the pool itself; unheard, they would crash the process.
  // The usual one is benign: a worker terminated by a cancel had already posted its result.
  piscina.on('error', (err: Error) => {
    if (err.message?.startsWith('Unexpected message from Worker')) {
      log.debug('pipeline worker pool: dropped the result of a cancelled task');
    } else {
      log.warn({ err }, 'pipeline worker pool: error outside any task');
    }
  });
  return piscina;
}

/**
 * How much lower the server's worker threads run than its main thread (Linux thread niceness;
 * piscina applies it through its optional @napi-rs/nice). A run keeps every core busy; when
 * the cores are short, the event loop that answers requests should get one first: measured on
 * the shared 2-core machine, requests during a 10,000-item run waited up to ~450 ms for a core
 * while the server's main thread needed under 25 ms of CPU for them.
 */
export const SERVER_WORKER_NICE = 10;

/** The process's pool for the server: created on first use, destroyed by the shutdown hooks. */
export function sharedPool(): WorkerPool {
  return processSingleton('pipelinePool', () => {
    const pool = createPool({ niceIncrement: SERVER_WORKER_NICE });
    onShutdown(
      'pipeline-pool',
      () => {
        forgetProcessSingleton('pipelinePool');
        return pool.destroy();
      },
      'resources',
    );
    return pool;
  });
}
