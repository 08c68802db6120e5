import type { EventBatch } from './batch';

/**
 * What the queue hands the writer, in commit order. A request's events reach the store in one of
 * two ways: a request that fits in one batch arrives as a single `final` op and is inserted
 * directly; a longer one sends `stage` ops first (kept in the writer's temporary tables, invisible
 * to readers) and its `final` op moves everything into sales/inventory in one transaction. So a
 * request becomes visible all at once or not at all; `discard` drops what a failed request staged.
 */
export type WriterOp =
  | { kind: 'stage'; req: number; batch: EventBatch }
  | {
      kind: 'final';
      req: number;
      batch: EventBatch | null;
      /** Events this request staged before; the writer checks it holds exactly that many. */
      staged: number;
      idempotencyKey: string | null;
      /** The answer stored with the key, replayed to retries. */
      response: string;
    }
  | { kind: 'discard'; req: number };

export type FinalOutcome =
  | { req: number; stored: true; /** the stored answer of an earlier request with the same key */ replay: string | null }
  | { req: number; stored: false; error: string };

export interface TransactionResult {
  /** The data version after the commit, or null when nothing became visible. */
  version: number | null;
  finals: FinalOutcome[];
  /** Time spent in the transaction, commit included. */
  seconds: number;
}

/** Messages to the writer thread. */
export type ToWriter = { type: 'apply'; seq: number; ops: WriterOp[]; newUnits: string[] } | { type: 'close' };

/** Messages from the writer thread. */
export type FromWriter =
  | { type: 'ready' }
  | { type: 'applied'; seq: number; result: TransactionResult }
  | { type: 'failed'; seq: number; error: string }
  | { type: 'closed' };
