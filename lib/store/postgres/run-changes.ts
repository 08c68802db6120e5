import type pg from 'pg';
import type { RunChanges } from '../types';
import { connect } from './db';

/** The channel a trigger on `runs` notifies with the run's id on every committed change. */
export const RUN_CHANNEL = 'stockcast_runs';
/** How the listening connection shows in pg_stat_activity (the connection budget counts it). */
export const LISTENER_NAME = 'stockcast listener';
/** Waits between attempts to reconnect a lost listener, growing to the last. */
const RECONNECT_MS = [100, 250, 500, 1_000, 2_000];

/**
 * One dedicated LISTEN connection (outside the pool: a pooled connection would be handed to
 * other queries). Notifications are hints, delivered on commit; after a lost connection is made
 * again, `onReconnect` says that some may have been missed, so the listener re-reads the rows.
 */
export function runChanges(url: string, ready: Promise<void>): RunChanges {
  return {
    listen(handlers) {
      let stopped = false;
      let client: pg.Client | null = null;
      let attempt = 0;
      let retry: ReturnType<typeof setTimeout> | null = null;

      const open = async (): Promise<void> => {
        try {
          await ready;
          const next = await connect(url);
          if (stopped) {
            await next.end().catch(() => {});
            return;
          }
          next.on('notification', (message) => {
            if (message.channel === RUN_CHANNEL && message.payload) handlers.onChange(message.payload);
          });
          next.on('error', () => lost(next));
          next.on('end', () => lost(next));
          await next.query(`LISTEN ${RUN_CHANNEL}`);
          await next.query(`SET application_name = '${LISTENER_NAME}'`);
          client = next;
          if (attempt > 0) handlers.onReconnect();
          attempt = 0;
        } catch {
          schedule();
        }
      };
      const lost = (which: pg.Client) => {
        if (client !== which || stopped) return;
        client = null;
        schedule();
      };
      const schedule = () => {
        if (stopped || retry) return;
        const wait = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)]!;
        attempt++;
        retry = setTimeout(() => {
          retry = null;
          void open();
        }, wait);
        retry.unref();
      };

      void open();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        const last = client;
        client = null;
        await last?.end().catch(() => {});
      };
    },
  };
}
