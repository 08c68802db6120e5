import pino from 'pino';
import { processSingleton } from './singleton';

/**
 * One JSON logger per process, on stderr so that command-line stdout stays machine-readable.
 * `STOCKCAST_LOG_LEVEL` sets the level (default info; tests use warn).
 */
export const log: pino.Logger = processSingleton('log', () =>
  pino(
    { level: process.env.STOCKCAST_LOG_LEVEL || 'info', base: { pid: process.pid } },
    pino.destination({ fd: 2, sync: true }),
  ),
);
