import type { PinAllOutcome, PinChange } from './types';

/** Counts one pin of a file into what the file changed. */
export function countPinChange(outcome: PinAllOutcome, change: PinChange): void {
  if (change === 'set') outcome.set++;
  else if (change === 'edit') outcome.edited++;
  else outcome.unchanged++;
}
