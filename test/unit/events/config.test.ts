import { describe, expect, it } from 'vitest';
import { eventsConfig as fromEnv } from '@/lib/events/config';

const eventsConfig = (vars: Record<string, string>) => fromEnv(vars as NodeJS.ProcessEnv);

describe('eventsConfig', () => {
  it('has defaults and reads the queue size, wait limit and batch size from the environment', () => {
    expect(eventsConfig({})).toEqual({
      queueEvents: 262_144,
      waitMs: 10_000,
      batchEvents: 8192,
      transactionEvents: 16_384,
      writerDelayMs: 0,
    });
    expect(
      eventsConfig({ STOCKCAST_EVENTS_QUEUE_EVENTS: '1000', STOCKCAST_EVENTS_WAIT_MS: '250', STOCKCAST_EVENTS_BATCH_EVENTS: '5000' }),
    ).toMatchObject({ queueEvents: 1000, waitMs: 250, batchEvents: 1000, transactionEvents: 1000 });
  });

  it('ignores the slow-writer hook unless STOCKCAST_TEST_HOOKS=1', () => {
    expect(eventsConfig({ STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '500' }).writerDelayMs).toBe(0);
    expect(eventsConfig({ STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '500', STOCKCAST_TEST_HOOKS: 'true' }).writerDelayMs).toBe(0);
    expect(eventsConfig({ STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '500', STOCKCAST_TEST_HOOKS: '1' }).writerDelayMs).toBe(500);
  });

  it('names a bad setting', () => {
    expect(() => eventsConfig({ STOCKCAST_EVENTS_QUEUE_EVENTS: 'lots' })).toThrow(
      'STOCKCAST_EVENTS_QUEUE_EVENTS must be an integer >= 1, got "lots"',
    );
    expect(() => eventsConfig({ STOCKCAST_EVENTS_WAIT_MS: '0' })).toThrow('STOCKCAST_EVENTS_WAIT_MS must be an integer >= 1');
  });
});
